#!/usr/bin/env bash
# Uses Chainrule the way README's "Use Chainrule in your project" says, from a fresh project:
#  1. installs the published artifacts (bom, autograd, nn) into a private repository under target/;
#  2. builds integration/consumer (imports chainrule-bom, depends on chainrule-nn) with its JUnit test
#     under Surefire's argLine, and runs it with mvn exec:java;
#  3. checks that the BOM brought nothing but the two libraries onto the runtime class path;
#  4. runs the consumer's program on the class path and on the module path, each with and without
#     --add-modules jdk.incubator.vector (with it, the SIMD kernels must load; without it, the scalar
#     kernels run with one warning), and in jshell;
#  5. checks that a module cannot compile against autograd's unexported packages.
# Never touches ~/.m2: artifacts are read from it (a file repository, so that no plugin is downloaded
# again), and everything is written under target/consumer-check.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$root/target/consumer-check"
repo="$work/m2"
rm -rf "$work"
mkdir -p "$work"
start=$SECONDS
fail() { echo "consumer-check: FAILED: $*" >&2; exit 1; }

version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' "$root/pom.xml" | head -1)
bom_version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' "$root/bom/pom.xml" | head -1)
[ "$version" = "$bom_version" ] || fail "bom/pom.xml has version $bom_version, the parent $version"

cat > "$work/settings.xml" <<XML
<settings>
  <profiles>
    <profile>
      <id>user-cache</id>
      <repositories>
        <repository><id>user-cache</id><url>file://$HOME/.m2/repository</url>
          <snapshots><enabled>false</enabled></snapshots><releases><checksumPolicy>ignore</checksumPolicy></releases></repository>
      </repositories>
      <pluginRepositories>
        <pluginRepository><id>user-cache</id><url>file://$HOME/.m2/repository</url>
          <snapshots><enabled>false</enabled></snapshots><releases><checksumPolicy>ignore</checksumPolicy></releases></pluginRepository>
      </pluginRepositories>
    </profile>
  </profiles>
  <activeProfiles><activeProfile>user-cache</activeProfile></activeProfiles>
</settings>
XML
# Maven quiet, without colour codes or the JDK's "using incubator modules" notes.
mvn_private() {
  mvn -B -q -Dstyle.color=never -s "$work/settings.xml" -Dmaven.repo.local="$repo" "$@" 2>&1 \
    | sed 's/\x1b\[[0-9;]*m//g' | { grep -v -i -e "incubat" -e '^$' || true; }
}

echo "consumer-check: installing chainrule $version into $repo"
(cd "$root" && mvn_private -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true \
   -pl bom,autograd,nn -am install)
[ -f "$repo/dev/chainrule/chainrule-nn/$version/chainrule-nn-$version.jar" ] || fail "install did not produce chainrule-nn"

# README's Maven and Surefire blocks are the consumer's own lines (between readme:NAME markers).
python3 - "$root/README.md" "$root/integration/consumer/pom.xml" "$version" <<'PY' || fail "README.md and integration/consumer/pom.xml differ (see above)"
import re, sys, textwrap
readme, pom, version = open(sys.argv[1]).read(), open(sys.argv[2]).read(), sys.argv[3]
ok = True
for name in ("maven", "surefire"):
    region = re.search(r"<!-- readme:%s -->\n(.*?)\n\s*<!-- /readme:%s -->" % (name, name), pom, re.S).group(1)
    want = textwrap.dedent(region.replace("${chainrule.version}", version)).strip().splitlines()
    block = re.search(r"<!-- readme:%s[^>]*-->\n```xml\n(.*?)\n```" % name, readme, re.S)
    got = block.group(1).splitlines() if block else []
    # The README may close what the pom's region leaves open (</dependencies>).
    if got[:len(want)] != want or any(l.strip() != "</dependencies>" for l in got[len(want):]):
        print("README block readme:%s:\n%s\nconsumer pom lines:\n%s" % (name, "\n".join(got), "\n".join(want)))
        ok = False
sys.exit(0 if ok else 1)
PY

cp -r "$root/integration/consumer" "$work/consumer"
cd "$work/consumer"
echo "consumer-check: mvn verify (XorTest under Surefire's argLine)"
mvn_private -Dchainrule.version="$version" verify
echo "consumer-check: mvn exec:java"
out=$(mvn_private -Dchainrule.version="$version" exec:java)
echo "$out" | grep -qx "xor: 0 1 1 0" || fail "exec:java printed: $out"

mvn_private -Dchainrule.version="$version" dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=target/lib
libs=$(cd target/lib && ls | sort | tr '\n' ' ')
[ "$libs" = "chainrule-autograd-$version.jar chainrule-nn-$version.jar " ] \
  || fail "the runtime class path should hold the two libraries only, has: $libs"

# java with the README's flags. $1: class path or module path; $2: with or without the Vector API.
check_run() {
  local path=$1 vector=$2 flags=() out
  if [ "$vector" = with ]; then
    flags=(--add-modules jdk.incubator.vector -Dchainrule.kernels=simd
           -XX:CompileCommand=quiet "-XX:CompileCommand=dontinline,dev.chainrule.autograd.kernel.simd.FloatElementwise::*Loop")
  fi
  if [ "$path" = class-path ]; then
    out=$(java "${flags[@]}" -cp "target/classes:target/lib/*" com.example.xor.Xor 2>&1)
  else
    out=$(java "${flags[@]}" --module-path "target/lib:$work/mods" -m com.example.xor/com.example.xor.Xor 2>&1)
  fi
  echo "$out" | grep -qx "xor: 0 1 1 0" || fail "$path, $vector the Vector API: $out"
  if [ "$vector" = with ]; then
    ! echo "$out" | grep -q "SIMD kernels off" || fail "$path, with the Vector API, ran scalar: $out"
  else
    echo "$out" | grep -q "SIMD kernels off, using scalar kernels" || fail "$path, without the Vector API, no warning: $out"
  fi
  echo "consumer-check: $path, $vector --add-modules jdk.incubator.vector: ok"
}

javac -d "$work/mods/com.example.xor" --module-path target/lib \
  "$root/integration/modular/com.example.xor/module-info.java" src/main/java/com/example/xor/Xor.java 2>&1 \
  | { grep -v -e "incubating module" -e "^1 warning" || true; }
for path in class-path module-path; do
  for vector in with without; do check_run $path $vector; done
done

if javac -d "$work/hidden" --module-path target/lib $(find "$root/integration/modular/hidden" -name '*.java') \
     > "$work/hidden.log" 2>&1; then
  fail "a module compiled against dev.chainrule.autograd.ops, which must not be exported"
fi
grep -q "package dev.chainrule.autograd.ops is not visible" "$work/hidden.log" || fail "unexpected javac error: $(cat "$work/hidden.log")"
echo "consumer-check: dev.chainrule.autograd.ops is not visible to modules: ok"

# The README's jshell session.
out=$(printf '%s\n' \
  'import dev.chainrule.autograd.*' \
  'var x = Tensor.of(new double[] {1, 2, 3}, 3).requiresGrad(true)' \
  'x.square().sum().backward()' \
  'System.out.println("grad " + java.util.Arrays.toString(x.grad().toDoubleArray()))' \
  '/exit' \
  | jshell -q -R--add-modules=jdk.incubator.vector --module-path target/lib --add-modules dev.chainrule.nn 2>&1)
echo "$out" | grep -q "grad \[2.0, 4.0, 6.0\]" || fail "jshell: $out"
echo "consumer-check: jshell: ok"

echo "consumer-check: passed in $((SECONDS - start)) s"
