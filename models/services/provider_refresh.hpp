// How STS pods refresh one provider's credential, as Caracal 46a980b6c coordinates it through
// Redis keys every pod shares (services/sts/internal/refresh.go@46a980b6c):
// - refresh is attempted only on the exchange path, never on a timer (exchange.go:295-354);
// - an auth-code refresh first reads the shared result key: a result younger than 5 s is reused
//   without calling the provider (refresh.go:205-283); a client-credentials fetch has no shared
//   result (exchange.go:725-781);
// - before each provider call, EXISTS provider-refresh-circuit:<id>: while present the call fails
//   at once and caracal_sts_provider_circuit_open_total rises (refresh.go:153-155,671-680);
// - a failed call INCRs provider-refresh-failures:<id>, whose 5 min expiry is set by the first
//   INCR only; from the 5th failure on, each failure (re-)arms the circuit key for 30 s
//   (refresh.go:534-578,682-691); a successful call deletes both keys (refresh.go:693-699);
// - caracal_sts_provider_refresh_errors_total counts only Redis errors while coordinating (result
//   GET, lease SETNX, result SET, lease DEL: refresh.go:233-271), never a provider failure.
// The provider answers at once (assumption: a revoked or expired credential is refused, not hung).
#pragma once

#include <cstdint>

#include "sim/base/time.hpp"

namespace caracal {

using sim::Duration;
using sim::Time;

struct ProviderRefreshConfig {
    std::int64_t failure_limit = 5;
    Duration failure_window = Duration::minutes(5);
    Duration circuit_open = Duration::seconds(30);
    Duration result_ttl = Duration::seconds(5);
};

class ProviderRefresh {
public:
    // What one refresh attempt on an STS pod did, for that pod's counters.
    struct Attempt {
        bool ok = false;
        bool found_circuit_open = false;  // +1 caracal_sts_provider_circuit_open_total
    };

    explicit ProviderRefresh(ProviderRefreshConfig config) : config_(config) {}

    // An auth-code grant refresh, coordinated through the shared result key.
    Attempt refresh_grant(Time now, bool credential_valid);
    // A client-credentials token fetch: no shared result, a provider call each time.
    Attempt fetch_token(Time now, bool credential_valid);

    bool circuit_open(Time now) const { return now < circuit_until_; }
    std::int64_t failures(Time now) const { return now < failures_expire_ ? failures_ : 0; }

private:
    // The circuit check and the provider call (refreshProviderToken).
    Attempt call_provider(Time now, bool credential_valid);
    void record_failure(Time now);

    ProviderRefreshConfig config_;
    std::int64_t failures_ = 0;
    Time failures_expire_;
    Time circuit_until_;
    Time result_until_;  // the shared result key's expiry
    bool result_ok_ = false;
};

}  // namespace caracal
