#pragma once
// What `nll` and `vlb` evaluate, in one place: the data (--points FILE, --n N drawn from --gmm, or
// --images N Fashion-MNIST test images) and the model (--gmm SPEC with --kind/--steps: the exact
// mixture denoiser; --model FILE: a trained MLP; --model fashion-mnist: the bundled image model).

#include "app/cli/cli_common.h"

#include "core/gmm.h"
#include "core/models/denoiser.h"
#include "core/schedule.h"

#include <ATen/core/Tensor.h>
#include <c10/core/Device.h>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <memory>
#include <string>

namespace dscli {

struct LikelihoodSourceOptions {
  std::string gmm;
  std::string model;
  std::string points;
  ScheduleOptions schedule;
  long long n = 0;
  long long images = 0;
  std::uint64_t seed = 0;
  int threads = 0;
  CLI::Option* kindOpt = nullptr;
  CLI::Option* stepsOpt = nullptr;
  CLI::Option* nOpt = nullptr;
  CLI::Option* imagesOpt = nullptr;
  CLI::Option* threadsOpt = nullptr;
};
// --gmm/--model, --kind/--steps/--beta-*, --points/--n/--images, --seed, --threads.
void addLikelihoodSourceOptions(CLI::App* cmd, LikelihoodSourceOptions& opts);

struct LikelihoodData {
  bool hasMixture = false;
  ds::GaussianMixture mixture;                  // --gmm: the data distribution (exact −log q(x_0))
  std::shared_ptr<ds::Denoiser> denoiser;       // null when the method needs none
  std::shared_ptr<ds::NoiseSchedule> schedule;  // null when the method needs none
  bool images = false;                          // x0 are 8-bit images in [−1, 1]
  at::Tensor x0;                                // what the model sees: float [N, D] or [N, 1, H, W], CPU
  at::Tensor points;                            // points in the user's coordinates, float [N, D] (not images)
  at::Tensor labels;                            // images: the test labels, int64 [N] (output only)
  // A model trained on normalised points sees x_model = (x − shift)/scale, so −log p(x) in the user's
  // coordinates is its −log p(x_model) + D·log(scale); this is that D·log(scale) (0 otherwise).
  double logJacobian = 0;
  std::int64_t dims = 0;  // D of one point or image
  nlohmann::json meta = nlohmann::json::object();
};

// Loads and checks everything (UsageError naming the option). `needDenoiser` false (the exact
// method) makes --kind/--steps unnecessary and refuses --model.
LikelihoodData loadLikelihoodData(const LikelihoodSourceOptions& opts, bool needDenoiser, const c10::Device& device);

}  // namespace dscli
