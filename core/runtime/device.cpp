#include "core/runtime/device.h"

#include <ATen/Parallel.h>
#include <torch/cuda.h>

#include <dlfcn.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>
#include <string>

namespace ds {

namespace {

std::string lowerTrimmed(const std::string& s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  const auto last = s.find_last_not_of(" \t\r\n");
  std::string out = s.substr(first, last - first + 1);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// The GPU's marketing name through the CUDA driver API, loaded at run time so that core needs
// no CUDA headers or link-time dependency. Empty when unavailable.
std::string cudaDeviceName(int ordinal) {
  void* lib = dlopen("libcuda.so.1", RTLD_LAZY | RTLD_LOCAL);
  if (!lib) return {};
  using InitFn = int (*)(unsigned int);
  using GetFn = int (*)(int*, int);
  using NameFn = int (*)(char*, int, int);
  auto init = reinterpret_cast<InitFn>(dlsym(lib, "cuInit"));
  auto get = reinterpret_cast<GetFn>(dlsym(lib, "cuDeviceGet"));
  auto name = reinterpret_cast<NameFn>(dlsym(lib, "cuDeviceGetName"));
  std::string result;
  int dev = 0;
  char buffer[256] = {};
  if (init && get && name && init(0) == 0 && get(&dev, ordinal) == 0 &&
      name(buffer, static_cast<int>(sizeof buffer) - 1, dev) == 0) {
    result = buffer;
  }
  dlclose(lib);
  return result;
}

}  // namespace

bool cudaAvailable() { return torch::cuda::is_available(); }

c10::Device chooseDevice(const std::string& preference) {
  const std::string p = lowerTrimmed(preference);
  if (p.empty() || p == "auto") {
    return cudaAvailable() ? c10::Device(c10::kCUDA, 0) : c10::Device(c10::kCPU);
  }
  if (p == "cpu") return c10::Device(c10::kCPU);
  if (p == "cuda" || p.rfind("cuda:", 0) == 0) {
    int index = 0;
    if (p.size() > 4) {
      const std::string digits = p.substr(5);
      if (digits.empty() || digits.size() > 4 ||
          !std::all_of(digits.begin(), digits.end(), [](unsigned char c) { return std::isdigit(c); })) {
        throw std::invalid_argument("device \"" + preference + "\": expected cuda:N with N a device number");
      }
      index = std::stoi(digits);
    }
    if (!cudaAvailable()) {
      throw std::runtime_error("device \"" + preference +
                               "\": CUDA is not available (this LibTorch build or machine has no GPU)");
    }
    const auto count = static_cast<int>(torch::cuda::device_count());
    if (index >= count) {
      throw std::runtime_error("device \"" + preference + "\": only " + std::to_string(count) +
                               " CUDA device(s) present");
    }
    return c10::Device(c10::kCUDA, static_cast<c10::DeviceIndex>(index));
  }
  throw std::invalid_argument("device \"" + preference + "\": expected auto, cpu, cuda or cuda:N");
}

std::string describeDevice(const c10::Device& device) {
  if (device.is_cpu()) {
    const int threads = at::get_num_threads();
    return "CPU (" + std::to_string(threads) + (threads == 1 ? " thread)" : " threads)");
  }
  if (device.is_cuda()) {
    const int index = device.has_index() ? device.index() : 0;
    const std::string name = cudaDeviceName(index);
    std::string out = "CUDA:" + std::to_string(index);
    if (!name.empty()) out += " " + name;
    return out;
  }
  return device.str();
}

}  // namespace ds
