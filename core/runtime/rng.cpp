#include "core/runtime/rng.h"

#include <ATen/CPUGeneratorImpl.h>
#include <ATen/Context.h>

#include <mutex>
#include <stdexcept>

namespace ds {

// A private generator per job: the CPU one is created directly; for other devices (CUDA) we
// clone the device's default generator, which needs no CUDA headers, and reseed the clone.
at::Generator makeGenerator(std::uint64_t seed, const c10::Device& device) {
  if (device.is_cpu()) {
    return at::detail::createCPUGenerator(seed);
  }
  at::Generator source = at::globalContext().defaultGenerator(device);
  at::Generator gen;
  {
    // The default generator may be in use by other threads; clone() reads its state.
    std::lock_guard<std::mutex> lock(source.mutex());
    gen = source.clone();
  }
  gen.set_current_seed(seed);
  return gen;
}

}  // namespace ds
