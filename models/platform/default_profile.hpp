// The built-in deployment profile: models/profiles/default.yaml itself, embedded at build time
// (cmake/embed_text.cmake) and parsed by the loader `--profile` uses, so running without
// `--profile` and with `--profile models/profiles/default.yaml` is the same run.
#pragma once

#include "models/platform/profile.hpp"

namespace caracal {

inline constexpr const char* kDefaultProfileFile = "models/profiles/default.yaml";

// The embedded text of models/profiles/default.yaml.
extern const char* const kDefaultProfileText;

// The embedded file parsed once; every profile file is loaded over it.
const Profile& default_profile();

}  // namespace caracal
