#pragma once
// The Image bits/dim page's job (issue 11): −log p(x_0) of Fashion-MNIST test images under the
// bundled U-Net, in bits per dimension, by the variational bound (core/likelihood/vlb.h: the
// discretized decoder, x̂_0 clipped, K sampled t per image plus L_0 and L_T) and/or by the
// probability-flow ODE (core/likelihood/ode.h: dequantized pixels, Hutchinson probes), exactly as
// `diffusion-cli nll --model fashion-mnist --images N --method vlb|ode` computes them
// (unconditional: the model's null label).
//
// The images are evaluated in batches; after each batch the job publishes a copy of what it has
// (ImageBpdPartial), so the page shows the running means while the job runs and keeps the finished
// images when it is cancelled. Qt-free: plain core calls on the worker thread.

#include "core/data/idx.h"
#include "core/likelihood/ode.h"
#include "core/runtime/progress.h"
#include "core/schedule.h"

#include <ATen/core/Tensor.h>
#include <c10/core/Device.h>

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace ds {
class UNetDenoiser;
}

namespace ds::ui {

constexpr int kImageBpdMaxImages = 1000;  // the page's limit (the test split has 10 000)

struct ImageBpdRequest {
  int count = 50;  // test images: the first `count` of class `label` in the test split
  int label = -1;  // 0..9, or −1 for any class
  bool vlb = true;
  int sampledT = 20;  // VLB: K ≥ 2 timesteps per image drawn uniformly from 2..T (plus L_0 and L_T)
  bool ode = false;
  OdeSolver solver = OdeSolver::Adaptive;
  double tolerance = 1e-3;  // ODE adaptive: rtol = atol
  int heunSteps = 20;       // ODE Heun: fixed steps
  int probes = 1;           // ODE: Hutchinson–Skilling Rademacher probes (≥ 1; D = 784 makes exact too slow)
  std::uint64_t seed = 1;   // the VLB's x_t draws and t, the ODE's probes and dequantization
  int batch = 8;            // images per batch (one published step of the running means)
  std::string model = "fashion-mnist";       // name or path (core/models/registry.h)
  std::string dataFolder = "fashion-mnist";  // "fashion-mnist" = Debian's folder (core/data/idx.h)
};

// Checks a request's ranges; std::invalid_argument naming the field otherwise.
void validate(const ImageBpdRequest& request);

// The loaded model and test set, kept by the page between jobs (loading costs a second or two).
struct ImageBpdInputs {
  std::string modelName, modelPath, dataFolder;
  std::shared_ptr<const UNetDenoiser> model;
  ScheduleSpec schedule;
  std::shared_ptr<const ImageSet> testSet;
  c10::Device device = c10::Device(c10::kCPU);
};

// Loads what `request` needs on `device`, reusing `cached` where it matches (model name and device,
// data folder). Throws with a clear message: ModelNotFound, ImageCheckpointError, IdxError, or
// std::invalid_argument for a model that is not one of 28×28 grayscale images.
std::shared_ptr<const ImageBpdInputs> loadImageBpdInputs(const ImageBpdRequest& request, const c10::Device& device,
                                                         std::shared_ptr<const ImageBpdInputs> cached);

// One method's per-image values (bits/dim), in the order of ImageBpdResult::indices; they cover the
// first `done` images.
struct ImageBpdValues {
  std::vector<double> bitsPerDim;
  std::vector<double> standardError;  // VLB: of each image's estimate from its K t (bits/dim)
  std::vector<double> l0, lMid, lT;   // VLB: L_0, Σ_{t≥2} L_{t−1}, L_T (bits/dim; sum = bitsPerDim)
  std::int64_t evaluations = 0;       // denoiser calls
  double seconds = 0;
  std::size_t done() const { return bitsPerDim.size(); }
};

struct MeanWithError {
  double mean = 0, standardError = 0;  // over the images: sd / √n (0 for one image)
  std::size_t n = 0;
};
MeanWithError meanWithError(const std::vector<double>& values);

struct ImageBpdResult {
  ImageBpdRequest request;
  std::shared_ptr<const ImageBpdInputs> inputs;  // the page keeps them for the next job
  std::vector<std::int64_t> indices;             // the chosen images' indices in the test split
  std::vector<int> labels;
  at::Tensor images;  // float [N, 1, 28, 28] on the CPU, in [−1, 1]
  ImageBpdValues vlb, ode;
  std::string device;
  bool complete = false;  // every chosen image went through every asked method
};

// What the job has finished so far, shared between the worker (set) and the GUI thread (latest).
class ImageBpdPartial {
 public:
  void set(std::shared_ptr<const ImageBpdResult> result);
  std::shared_ptr<const ImageBpdResult> latest() const;

 private:
  mutable std::mutex m_mutex;
  std::shared_ptr<const ImageBpdResult> m_latest;
};

// The job: loads (or reuses) the inputs, chooses the images, runs the methods batch by batch.
// Progress: total = 1000 × images × methods; throws std::invalid_argument for a bad request or a class
// with too few test images, ds::Cancelled when cancelled (the finished batches stay in `partial`).
ImageBpdResult runImageBpd(const ImageBpdRequest& request, const c10::Device& device,
                           std::shared_ptr<const ImageBpdInputs> cached, const ProgressFn& progress,
                           const CancelToken& cancel, ImageBpdPartial* partial = nullptr);

}  // namespace ds::ui
