# Shared by the submit/ scripts: locate the project, build it when sources changed, and the JVM
# flags Spark's own launcher would add (JavaModuleOptions of spark-launcher 4.1.0).
QUEX_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
QUEX_JAR="$QUEX_HOME/target/quex.jar"
QUEX_CLASSPATH_FILE="$QUEX_HOME/target/classpath.txt"
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"

SPARK_JVM_FLAGS=(-XX:+IgnoreUnrecognizedVMOptions --add-modules=jdk.incubator.vector
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
  --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  --add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED
  -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true)

# Builds target/quex.jar and target/classpath.txt unless they are newer than every source file.
quex_build_if_needed() {
  if [[ -f "$QUEX_JAR" && -f "$QUEX_CLASSPATH_FILE" ]] \
     && [[ -z "$(find "$QUEX_HOME/src/main" "$QUEX_HOME/pom.xml" -newer "$QUEX_JAR" -print -quit)" ]]; then
    return 0
  fi
  echo "quex: building (mvn package) ..." >&2
  # Maven 3.8 prints ANSI resets (ESC[0m) even with -B and -q: they are stripped, the status kept (pipefail)
  (set -o pipefail; cd "$QUEX_HOME" && mvn -q -B -Dstyle.color=never -DskipTests package 2>&1 \
    | sed -u 's/\x1b\[[0-9;]*m//g') >&2 || { echo "quex: build failed" >&2; exit 1; }
}

# spark-submit without a Spark distribution: SparkSubmit from the Maven classpath. Executors that
# a Worker (or local-cluster) launches find Spark through SPARK_DIST_CLASSPATH under an empty
# SPARK_HOME, and need SPARK_SCALA_VERSION (see spark-notes: "Cannot find any build directories").
quex_spark_submit() {
  export SPARK_SCALA_VERSION=2.13
  export SPARK_DIST_CLASSPATH="$(cat "$QUEX_CLASSPATH_FILE")"
  if [[ -z "${SPARK_HOME:-}" ]]; then
    export SPARK_HOME="$QUEX_HOME/target/spark-home"
    mkdir -p "$SPARK_HOME/jars"
  fi
  # The JVM announces the Vector API module (--add-modules jdk.incubator.vector) on every start;
  # that line is dropped from standard error, everything else passes (the exit status is java's).
  { java "${SPARK_JVM_FLAGS[@]}" -Xmx"${QUEX_DRIVER_MEMORY:-4g}" \
      -Dlog4j2.configurationFile="file:$QUEX_HOME/conf/log4j2.properties" \
      -cp "$QUEX_HOME/conf:$(cat "$QUEX_CLASSPATH_FILE")" \
      org.apache.spark.deploy.SparkSubmit "$@" 2>&1 1>&3 3>&- \
      | { grep --line-buffered -v '^WARNING: Using incubator modules: jdk.incubator.vector$' || true; } >&2; } 3>&1
}
