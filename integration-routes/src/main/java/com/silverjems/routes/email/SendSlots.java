package com.silverjems.routes.email;

/** Where send slots are booked: in this JVM, or in the database every email task shares. */
interface SendSlots {

  /**
   * Books the next free slot, no earlier than {@code notBeforeNanos} from now, and moves the next
   * free one on by {@code intervalNanos}.
   *
   * @return how long to wait for the booked slot, in nanoseconds
   */
  long book(long intervalNanos, long notBeforeNanos);
}
