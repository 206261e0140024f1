#pragma once
// Seeded random generators that live on the job's device, so a job never touches the
// global generator and the same seed on the same device gives the same numbers.

#include <ATen/core/Generator.h>
#include <c10/core/Device.h>

#include <cstdint>

namespace ds {

at::Generator makeGenerator(std::uint64_t seed, const c10::Device& device);

}  // namespace ds
