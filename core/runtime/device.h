#pragma once
// Device choice, made once: CUDA when this LibTorch build and machine have it, else CPU.

#include <c10/core/Device.h>

#include <string>

namespace ds {

// "auto" (CUDA if available, else CPU), "cpu" or "cuda" / "cuda:N".
// Throws std::invalid_argument for an unknown name, std::runtime_error when CUDA is asked for but absent.
c10::Device chooseDevice(const std::string& preference = "auto");

bool cudaAvailable();

// Human-readable, e.g. "CPU (2 threads)" or "CUDA: NVIDIA H200".
std::string describeDevice(const c10::Device& device);

}  // namespace ds
