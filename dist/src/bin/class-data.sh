# Application class-data sharing for the waymark launchers (sourced by them; POSIX sh). The JVM maps the classes
# `serve` loads from an archive instead of reading and verifying them from ~150 jars, which cuts start-up by seconds.
# The archive is made once after the jars change: a training run of `serve --exit-when-ready` lists the classes
# loaded, then `java -Xshare:dump` writes them out. On JDK 17 the lambda proxies (lines starting with @) are left
# out of the list and the archive is static: dumping them, or a dynamic archive (-XX:ArchiveClassesAtExit), crashes
# the JVM. Start-up never depends on the archive: a missing, stale or unusable one is skipped silently (-Xshare:auto).
# Set WAYMARK_CLASS_DATA=off to run without it.

# waymark_class_data JAVA ARCHIVE CLASSPATH COMMAND: sets class_data to ARCHIVE when it serves CLASSPATH. Only `serve`,
# whose start-up is what the archive is for, makes it first if it is missing or older than a jar; other commands use
# it when it is current and never wait for it. CLASSPATH lists the jars explicitly in a fixed order: the archive is
# only valid for the class path it was made with.
waymark_class_data() {
  class_data=
  [ "${WAYMARK_CLASS_DATA:-on}" != off ] || return 0
  # The stamp records the Java and class path of the last attempt, made or failed, so a failure is not retried
  # until the jars or the Java command change.
  stamp="$2.stamp"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$1 $3" ] || [ -n "$(waymark_newer_jar "$stamp" "$3")" ]; then
    [ "$4" = serve ] && [ -w "$(dirname "$2")" ] || return 0
    echo "waymark: preparing the start-up archive (once after the jars change)..." >&2
    waymark_make_class_data "$@" || echo "waymark: could not prepare the start-up archive; starting without it" >&2
    printf '%s\n' "$1 $3" > "$stamp"
  fi
  [ ! -f "$2" ] || class_data=$2
}

# The first jar of CLASSPATH newer than FILE, if any.
waymark_newer_jar() {
  (
    IFS=:
    set -f
    for jar in $2; do
      if [ "$jar" -nt "$1" ]; then echo "$jar"; break; fi
    done
  )
}

waymark_make_class_data() {
  work=$(mktemp -d "${TMPDIR:-/tmp}/waymark-class-data.XXXXXX") || return 1
  # Written beside the archive, then renamed over it: a JVM starting meanwhile never maps a half-written file.
  partial="$2.$$.partial"
  trap 'rm -rf "$work" "$partial"; exit 130' INT TERM HUP
  # A clean environment: the training run must not open the configured store (WAYMARK_DATABASE_URL) or any other.
  if env -i PATH="$PATH" WAYMARK_RULES="$WAYMARK_RULES" WAYMARK_PATHWAYS="$WAYMARK_PATHWAYS" WAYMARK_HOME="$WAYMARK_HOME" \
      "$1" -XX:ErrorFile="$work/hs_err_pid%p.log" -XX:DumpLoadedClassList="$work/loaded" -cp "$3" \
      org.waymark.cli.Main serve --dev --port 0 --data "$work/data" --exit-when-ready > "$work/log" 2>&1 \
    && grep -v '^@' "$work/loaded" > "$work/classes" \
    && "$1" -XX:ErrorFile="$work/hs_err_pid%p.log" -Xshare:dump -XX:SharedClassListFile="$work/classes" \
      -XX:SharedArchiveFile="$partial" -cp "$3" >> "$work/log" 2>&1 \
    && mv -f "$partial" "$2"; then
    made=0
  else
    made=1
    rm -f "$2"
  fi
  rm -rf "$work" "$partial"
  trap - INT TERM HUP
  return $made
}
