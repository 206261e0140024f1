#pragma once
// The device the core tests put their tensors, models and samplers on: the environment variable
// DS_TEST_DEVICE = cpu (the default when unset or empty), cuda or cuda:N. scripts/gpu-check sets
// cuda on a machine where CUDA works, so the same tests then exercise the CUDA paths.
//
// Asking for CUDA where it is unusable (a CPU-only LibTorch, no GPU) or for an unknown device
// FAILS every test that calls testDevice(), with a message saying so: a run that was meant to
// check CUDA must not pass quietly on the CPU. Tests that do not call it run as before.
//
// Results are compared on the CPU (recorded trajectories and trainer states are CPU tensors);
// random streams differ between devices, so statistical tolerances, not exact values, apply.

#include "core/runtime/device.h"

#include <c10/core/Device.h>
#include <c10/core/TensorOptions.h>

#include <cstdlib>
#include <stdexcept>
#include <string>

namespace ds::test {

inline std::string testDeviceName() {
  const char* name = std::getenv("DS_TEST_DEVICE");
  return name && *name ? std::string(name) : std::string("cpu");
}

// Throws std::runtime_error (reported by GoogleTest as a failure of the calling test) when the
// requested device is unknown or unusable here.
inline c10::Device testDevice() {
  const std::string name = testDeviceName();
  try {
    const c10::Device device = ds::chooseDevice(name);
    if (name != "auto" && name.rfind("cuda", 0) == 0 && !device.is_cuda()) {
      throw std::runtime_error("got " + device.str());
    }
    return device;
  } catch (const std::exception& e) {
    throw std::runtime_error("DS_TEST_DEVICE=" + name + " cannot be used here (" + e.what() +
                             "); unset it or set DS_TEST_DEVICE=cpu to run the tests on the CPU");
  }
}

// float32 tensors on the test device.
inline c10::TensorOptions testFloat() { return c10::TensorOptions().dtype(c10::kFloat).device(testDevice()); }
// int64 tensors on the test device.
inline c10::TensorOptions testLong() { return c10::TensorOptions().dtype(c10::kLong).device(testDevice()); }

}  // namespace ds::test
