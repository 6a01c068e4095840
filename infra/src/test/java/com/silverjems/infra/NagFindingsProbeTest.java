package com.silverjems.infra;

import org.junit.jupiter.api.Test;

class NagFindingsProbeTest {
  @Test
  void print() {
    long t = System.nanoTime();
    var p = SynthesisedPlatform.get();
    System.out.println("SYNTH took " + (System.nanoTime() - t) / 1_000_000 + " ms");
    for (var s : p.stacks()) {
      for (var m : s.getMessages()) {
        System.out.println(
            "MSG "
                + s.getStackName()
                + " "
                + m.getLevel()
                + " "
                + m.getId()
                + " "
                + String.valueOf(m.getEntry().getData())
                    .replaceAll("\\s+", " ")
                    .substring(0, Math.min(220, String.valueOf(m.getEntry().getData()).length())));
      }
    }
  }
}
