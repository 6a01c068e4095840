package com.silverjems.routes.email;

import com.silverjems.routes.IntegrationRoutesApplication;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * A relay instance that dies like a killed process (no shutdown hooks, connections dropped) at a
 * chosen point: when the Nth email has been sent and recorded but its outbox row not yet marked.
 * Run in a child JVM by {@link KillAndRestartIT}; args are {@code --key=value} Spring properties
 * plus {@code --crash.after=N}.
 */
public final class CrashingRelay {

  static final int EXIT_CODE = 137;

  private CrashingRelay() {}

  private static String[] withRouteStartDeferred(String[] args) {
    String[] all = java.util.Arrays.copyOf(args, args.length + 2);
    all[args.length] = "--routes.groups=email";
    all[args.length + 1] = "--camel.main.auto-startup=false";
    return all;
  }

  public static void main(String[] args) throws Exception {
    int crashAfter = 0;
    for (String arg : args) {
      if (arg.startsWith("--crash.after=")) {
        crashAfter = Integer.parseInt(arg.substring("--crash.after=".length()));
      }
    }
    CamelContext camel =
        new SpringApplicationBuilder(IntegrationRoutesApplication.class)
            .web(WebApplicationType.NONE)
            .run(withRouteStartDeferred(args))
            .getBean(CamelContext.class);
    AtomicInteger reachedMark = new AtomicInteger();
    int crashAt = crashAfter;
    AdviceWith.adviceWith(
        camel,
        OutboxRelayRoutes.EVENT_ROUTE,
        route ->
            route
                .weaveById(OutboxRelayRoutes.MARK_PROCESSED)
                .before()
                .process(
                    exchange -> {
                      if (reachedMark.incrementAndGet() == crashAt) {
                        System.out.println(
                            "CRASHING before marking "
                                + exchange.getIn().getHeader(EmailHeaders.OUTBOX_ID));
                        System.out.flush();
                        Runtime.getRuntime().halt(EXIT_CODE);
                      }
                    }));
    camel.getRouteController().startAllRoutes();
    // Web-less Camel threads are daemons: stay alive until the crash (or give up after 2 minutes).
    Thread.sleep(120_000);
    System.exit(1);
  }
}
