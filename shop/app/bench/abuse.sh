#!/usr/bin/env bash
# The pool-starvation attack of issue 15 at scale: SignInFloodIT with 1,500 wrong-password sign-ins
# and 500 registrations (2,000 attack requests, each from its own client address) while four
# shoppers browse the catalogue and check out; Have I Been Pwned is a WireMock stand-in answering
# after 300 ms. Prints, per kind of request, the count, p50, p99 and the statuses, and exits
# non-zero when a shopper saw an error or a p99 of 1 s or more.
#
#   shop/app/bench/abuse.sh                         # 1,500 sign-ins + 500 registrations
#   SIGN_INS=300 REGISTRATIONS=100 shop/app/bench/abuse.sh   # the IT's own size
set -euo pipefail
cd "$(dirname "$0")/../../.."

SIGN_INS=${SIGN_INS:-1500}
REGISTRATIONS=${REGISTRATIONS:-500}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
status=0
./mvnw -B -q -pl shop/app -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=SignInFloodIT -Dfailsafe.failIfNoSpecifiedTests=false \
  -Dabuse.sign-ins="$SIGN_INS" -Dabuse.registrations="$REGISTRATIONS" >&2 || status=$?
report=shop/app/target/failsafe-reports/com.silverjems.shop.abuse.SignInFloodIT-output.txt
if [ -f "$report" ]; then
  sed -n '/^abuse: attack and shopper figures/,/^$/p' "$report"
fi
echo "($SIGN_INS sign-ins + $REGISTRATIONS registrations; $(nproc) cores shared by the clients, the shop and PostgreSQL;"
echo " load average before: $load_before, after: $(cut -d' ' -f1-3 /proc/loadavg))"
exit "$status"
