# Start-up class data for the waymark launchers (sourced by them; POSIX sh). The JVM maps the classes `serve` loads
# from a file instead of reading and verifying them from ~150 jars, which cuts start-up by seconds. The file is made
# once after the jars or the Java change, by a training run of `serve --exit-when-ready`:
# - Java 17 to 24: an application class-data-sharing archive, BASE.jsa. The training run lists the classes loaded,
#   then `java -Xshare:dump` writes them out, first without the list's lambda proxies and lambda-form lines (lines
#   starting with @), then again with them if that works (see waymark_train_cds). The archive is static: a dynamic one
#   (-XX:ArchiveClassesAtExit) crashes JDK 17.0.15.
# - Java 25 and later: an ahead-of-time cache, BASE.aot (JEP 483, 514, 515), written by the JVM when the training run
#   with -XX:AOTCacheOutput exits: the classes loaded and linked, lambda proxies included, and method profiles.
# Start-up never depends on the file: a missing, stale or unusable one is skipped silently (-Xshare:auto, or the AOT
# cache's default -XX:AOTMode=auto with its messages off). Set WAYMARK_CLASS_DATA=off to run without it.

# waymark_class_data JAVA BASE CLASSPATH COMMAND: sets class_data and class_data_mode to the two JVM options that
# use BASE.jsa or BASE.aot when it serves CLASSPATH on JAVA, or to nothing. Only `serve`, whose start-up is what the
# file is for, makes it first if it is missing or older than a jar; other commands use it when it is current and
# never wait for it. CLASSPATH lists the jars explicitly in a fixed order: the file is only valid for the class path
# it was made with. The two kinds have their own files, so switching between a Java 17 and a Java 25 remakes neither.
waymark_class_data() {
  class_data=
  class_data_mode=
  [ "${WAYMARK_CLASS_DATA:-on}" != off ] || return 0
  waymark_java "$1"
  class_data_kind=cds
  [ "$java_feature" -lt 25 ] || class_data_kind=aot
  class_data_file="$2.jsa"
  [ "$class_data_kind" = cds ] || class_data_file="$2.aot"
  # The stamp records the Java (its real path and version: another Java on the PATH, or one upgraded in place, is a
  # change) and class path of the last attempt, made or failed, so a failure is not retried until the jars or the
  # Java change.
  stamp="$class_data_file.stamp"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$java_identity $3" ] || [ -n "$(waymark_newer_jar "$stamp" "$3")" ]; then
    [ "$4" = serve ] && [ -w "$(dirname "$2")" ] || return 0
    echo "waymark: preparing the start-up archive (once after the jars or the Java change)..." >&2
    waymark_make_class_data "$1" "$class_data_file" "$3" "$class_data_kind" \
      || echo "waymark: could not prepare the start-up archive; starting without it" >&2
    printf '%s\n' "$java_identity $3" > "$stamp"
  fi
  [ -f "$class_data_file" ] || return 0
  if [ "$class_data_kind" = cds ]; then
    class_data="-XX:SharedArchiveFile=$class_data_file"
    class_data_mode=-Xshare:auto
    return 0
  fi
  # The JVM refuses to start with an AOT cache beside these options: if JAVA_OPTS has one, it is the user's choice.
  case " ${JAVA_OPTS:-} " in
    *" -Xshare:"* | *-XX:SharedArchiveFile* | *-XX:AOT* | *-XX:DumpLoadedClassList* | *-XX:SharedClassListFile*) ;;
    *)
      class_data="-XX:AOTCache=$class_data_file"
      # A cache the JVM cannot use (another build of the JDK, say) is skipped, but reported on standard output.
      class_data_mode='-Xlog:aot*=off'
      ;;
  esac
}

# Sets java_identity to JAVA's real path and runtime version, and java_feature to its feature version (17, 25; 0 if
# unknown), from the installation's release file: read, not asked of a JVM, which would add a tenth of a second of
# CPU to every launch. Without a release file the version is unknown and the archive (cds), which every JDK reads,
# is made.
waymark_java() {
  java_real=$1
  case $1 in
    */*) ;;
    *)
      # Found on the PATH as the shell finds it, without a subshell: a launch pays at most the readlink below.
      java_ifs=$IFS
      IFS=:
      for java_dir in $PATH; do
        if [ -f "${java_dir:-.}/$1" ] && [ -x "${java_dir:-.}/$1" ]; then java_real=${java_dir:-.}/$1; break; fi
      done
      IFS=$java_ifs
      ;;
  esac
  if [ -h "$java_real" ]; then
    java_real=$(readlink -f "$java_real" 2>/dev/null) || java_real=$1
  fi
  java_version=
  if [ -r "${java_real%/bin/*}/release" ]; then
    while IFS='=' read -r name value; do
      case $name in JAVA_RUNTIME_VERSION) java_version=${value#\"} java_version=${java_version%\"} ;; esac
    done < "${java_real%/bin/*}/release"
  fi
  java_identity="$java_real $java_version"
  java_feature=${java_version%%[.+-]*}
  case $java_feature in '' | *[!0-9]*) java_feature=0 ;; esac
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

# waymark_make_class_data JAVA FILE CLASSPATH KIND: makes FILE, an archive (KIND cds) or an AOT cache (KIND aot).
waymark_make_class_data() {
  work=$(mktemp -d "${TMPDIR:-/tmp}/waymark-class-data.XXXXXX") || return 1
  # Written beside the file, then renamed over it: a JVM starting meanwhile never maps a half-written file.
  partial="$2.$$.partial"
  trap 'rm -rf "$work" "$partial"; exit 130' INT TERM HUP
  if "waymark_train_$4" "$1" "$work" "$3" "$partial" > "$work/log" 2>&1 && mv -f "$partial" "$2"; then
    made=0
  else
    made=1
    rm -f "$2"
  fi
  rm -rf "$work" "$partial"
  trap - INT TERM HUP
  return $made
}

# waymark_train_cds JAVA WORK CLASSPATH ARCHIVE: the archive without the @ lines first, so there is one; then with the
# lambda proxies and lambda forms, which `serve` otherwise spins at every start (about 900 classes, with the JIT
# compiling the JDK's class writer for them). JDK 17.0.15 crashes dumping a lambda proxy that names a class the
# archive leaves out (a signed jar's, say), so those are dropped, by the names the first dump reported skipping; if
# the second dump fails even so, the first archive stays.
waymark_train_cds() {
  waymark_train "$1" "$2" "$3" -XX:DumpLoadedClassList="$2/loaded" \
    && grep -v '^@' "$2/loaded" > "$2/classes" \
    && waymark_dump_cds "$1" "$2" "$2/classes" "$4" "$3" > "$2/dump" 2>&1 \
    || return 1
  awk '/Skipping [^:]*:/ { name = $0; sub(/.*Skipping /, "", name); sub(/:.*/, "", name); skipped[name] = 1; next }
    /^@lambda-proxy/ { n = split($0, f, /[ ;()]+/); for (i = 2; i <= n; i++) { c = f[i]; sub(/^\[*L/, "", c); if (c in skipped) next } }
    FILENAME != ARGV[1] { print }' "$2/dump" "$2/loaded" > "$2/with-lambdas" \
    && waymark_dump_cds "$1" "$2" "$2/with-lambdas" "$2/with-lambdas.jsa" "$3" > "$2/dump-lambdas" 2>&1 \
    && mv -f "$2/with-lambdas.jsa" "$4"
  return 0
}

# waymark_dump_cds JAVA WORK CLASSLIST ARCHIVE CLASSPATH
waymark_dump_cds() {
  "$1" -XX:ErrorFile="$2/hs_err_pid%p.log" -Xshare:dump -XX:SharedClassListFile="$3" -XX:SharedArchiveFile="$4" -cp "$5"
}

# waymark_train_aot JAVA WORK CLASSPATH CACHE: the training JVM records to a configuration file and, as it exits,
# starts a second JVM that writes the cache (whose failure need not show in the exit status).
waymark_train_aot() {
  waymark_train "$1" "$2" "$3" -XX:AOTCacheOutput="$4" -XX:AOTConfiguration="$2/configuration" && [ -s "$4" ]
}

# waymark_train JAVA WORK CLASSPATH JVM-OPTION...: `serve` until ready on a new store in WORK. A clean environment: the
# training run must not open the configured store (WAYMARK_DATABASE_URL) or any other.
waymark_train() {
  train_java=$1 train_work=$2 train_classpath=$3
  shift 3
  env -i PATH="$PATH" WAYMARK_RULES="$WAYMARK_RULES" WAYMARK_PATHWAYS="$WAYMARK_PATHWAYS" WAYMARK_HOME="$WAYMARK_HOME" \
    "$train_java" -XX:ErrorFile="$train_work/hs_err_pid%p.log" "$@" -cp "$train_classpath" \
    org.waymark.cli.Main serve --dev --port 0 --data "$train_work/data" --exit-when-ready
}
