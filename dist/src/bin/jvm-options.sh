# JVM options the waymark launchers add for a command (sourced by them; POSIX sh). They go before JAVA_OPTS, so an
# option there wins (JAVA_OPTS=-XX:TieredStopAtLevel=4 gives `screen` C2 back).

# waymark_jvm_options COMMAND: sets jvm_options to the options for COMMAND, or to nothing.
# - screen: the C1 compiler only. A screening run is a batch whose hot code is spread over Drools, HAPI FHIR and
#   Jackson: with C2 as well, compiling took as much CPU as screening itself, and runs of 2,400 realistic or 100,000
#   generated patients ended before it paid back (docs/performance.md, "The JIT in a screening run").
waymark_jvm_options() {
  jvm_options=
  if [ "$1" = screen ]; then
    jvm_options=-XX:TieredStopAtLevel=1
  fi
}
