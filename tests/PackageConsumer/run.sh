#!/usr/bin/env bash
# Pack-and-consume check (issues 13 and 14): packs src/Runtime (`Specialized`) and src/Onnx (`Specialized.Onnx`)
# into a folder feed under obj/, checks both packages' layout, builds this consumer against that feed only
# (nuget.config; private global-packages folder), runs it (it trains an MLP and a kernel SVM, exports the MLP to
# ONNX and imports it back), then checks that a bad declaration fails the build with SPEC005. Exit code non-zero
# on any failure.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$here"
rm -rf bin obj
feed="$here/obj/feed"
mkdir -p "$feed"

dotnet pack "$root/src/Runtime" -c Release -o "$feed" --nologo -v quiet
package="$(ls "$feed"/Specialized.*.nupkg | grep -v '\.snupkg$' | head -n 1)"
version="$(basename "$package" .nupkg)"; version="${version#Specialized.}"
[ -f "$feed/Specialized.$version.snupkg" ] || { echo "no symbol package next to $package" >&2; exit 1; }
contents="$(unzip -Z1 "$package")"
for entry in lib/net10.0/Specialized.Runtime.dll lib/net10.0/Specialized.Runtime.xml \
             analyzers/dotnet/cs/Specialized.Generators.dll README.md LICENSE; do
  grep -qx "$entry" <<<"$contents" || { echo "$package lacks $entry" >&2; exit 1; }
done
echo "Packed $package: runtime, generator, docs, README, LICENSE; symbols alongside."

dotnet pack "$root/src/Onnx" -c Release -o "$feed" --nologo -v quiet
onnx_package="$feed/Specialized.Onnx.$version.nupkg"
[ -f "$onnx_package" ] || { echo "no Specialized.Onnx $version package in $feed: $(ls "$feed")" >&2; exit 1; }
[ -f "$feed/Specialized.Onnx.$version.snupkg" ] || { echo "no symbol package next to $onnx_package" >&2; exit 1; }
contents="$(unzip -Z1 "$onnx_package")"
for entry in lib/net10.0/Specialized.Onnx.dll lib/net10.0/Specialized.Onnx.xml README.md LICENSE \
             licenses/onnx-schema/LICENSE licenses/onnx-schema/NOTICE.md; do
  grep -qx "$entry" <<<"$contents" || { echo "$onnx_package lacks $entry" >&2; exit 1; }
done
nuspec="$(unzip -p "$onnx_package" Specialized.Onnx.nuspec)"
grep -q "<dependency id=\"Specialized\" version=\"$version\"" <<<"$nuspec" || { echo "$onnx_package does not depend on Specialized $version:" >&2; echo "$nuspec" >&2; exit 1; }
grep -q '<license type="expression">MIT</license>' <<<"$nuspec" && grep -q '<readme>README.md</readme>' <<<"$nuspec" && grep -q '<description>' <<<"$nuspec" \
  || { echo "$onnx_package lacks its licence, readme or description:" >&2; echo "$nuspec" >&2; exit 1; }
echo "Packed $onnx_package: library, docs, README, LICENSE, the ONNX schema's licence and notice; depends on Specialized $version; symbols alongside."

dotnet build -c Release --nologo -v quiet -p:SpecializedVersion="$version"
dotnet "bin/Release/net10.0/PackageConsumer.dll"

set +e
output="$(dotnet build -c Release --nologo -v quiet --no-restore -p:SpecializedVersion="$version" -p:BadDeclaration=true 2>&1)"
status=$?
set -e
if [ $status -eq 0 ] || ! grep -q 'error SPEC005' <<<"$output"; then
  echo "A [Model(Input = 0)] declaration should fail the build with SPEC005; exit code $status, output:" >&2
  echo "$output" >&2
  exit 1
fi
echo "ok   [Model(Input = 0)] fails the build: $(grep -m1 -o 'error SPEC005.*' <<<"$output" | sed 's/ \[.*//')"
