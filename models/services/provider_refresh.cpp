#include "models/services/provider_refresh.hpp"

namespace caracal {

ProviderRefresh::Attempt ProviderRefresh::refresh_grant(Time now, bool credential_valid) {
    if (now < result_until_) return Attempt{result_ok_, false};  // a peer's result, reused
    const Attempt a = call_provider(now, credential_valid);
    result_ok_ = a.ok;
    result_until_ = now + config_.result_ttl;
    return a;
}

ProviderRefresh::Attempt ProviderRefresh::fetch_token(Time now, bool credential_valid) {
    return call_provider(now, credential_valid);
}

ProviderRefresh::Attempt ProviderRefresh::call_provider(Time now, bool credential_valid) {
    if (circuit_open(now)) return Attempt{false, true};
    if (credential_valid) {
        failures_ = 0;
        failures_expire_ = Time();
        circuit_until_ = Time();
        return Attempt{true, false};
    }
    record_failure(now);
    return Attempt{false, false};
}

void ProviderRefresh::record_failure(Time now) {
    if (now >= failures_expire_) {  // the key expired (or never existed): INCR starts at 1 with a fresh TTL
        failures_ = 0;
        failures_expire_ = now + config_.failure_window;
    }
    if (++failures_ >= config_.failure_limit) circuit_until_ = now + config_.circuit_open;
}

}  // namespace caracal
