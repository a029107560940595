#!/usr/bin/env bash
# The full crash-proof run of issue #6: 500 SIGKILLs of the POS under random channel faults.
# Prints the counts that must all be zero; exits non-zero otherwise. About 40 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build PharmacyPos.sln -c Release -nologo -v quiet
dotnet bench/PharmacyPos.CrashProof/bin/Release/net10.0/PharmacyPos.CrashProof.dll --kills "${KILLS:-500}" "$@"
