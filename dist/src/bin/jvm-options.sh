# JVM options the waymark launchers add for a command (sourced by them; POSIX sh). They go before JAVA_OPTS, so an
# option there wins (JAVA_OPTS=-XX:TieredStopAtLevel=4 gives `screen` C2 back).

# waymark_jvm_options COMMAND: sets jvm_options to the options for COMMAND, or to nothing.
# - screen: the C1 compiler only. A screening run is a batch whose hot code is spread over Drools, HAPI FHIR and
#   Jackson: with C2 as well, compiling took as much CPU as screening itself, and runs of 2,400 realistic or 100,000
#   generated patients ended before it paid back (docs/performance.md, "The JIT in a screening run"). And the
#   parallel collector, the JVM's throughput collector: a batch has no pauses to keep short, and G1's write barriers
#   cost more in C1's code (5-11% of a run's time, docs/performance.md, sixth session).
waymark_jvm_options() {
  jvm_options=
  if [ "$1" = screen ]; then
    jvm_options=-XX:TieredStopAtLevel=1
    # Not when JAVA_OPTS picks a collector: the JVM refuses to start with two.
    case " ${JAVA_OPTS:-} " in
      *" -XX:+Use"*"GC "*) ;;
      *) jvm_options="$jvm_options -XX:+UseParallelGC" ;;
    esac
  fi
}
