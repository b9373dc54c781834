#pragma once
#include "check/embedded.h"
namespace netfix::profile {
std::span<const check::EmbeddedFile> EmbeddedProfiles();
}
