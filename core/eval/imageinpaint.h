#pragma once
// Inpainting pictures (the Inpaint lesson, `diffusion-cli inpaint --model` and `eval-inpaint`): one
// picture and one mask, filled by up to three methods from the same seed and the same starting noise
// x_T, so that a side-by-side comparison shows only the method:
//   replace     — the plain U-Net; after every reverse step the known part is overwritten by a sample
//                 of q(x_t | x_0 = known) (the lecture's naive way, 13:04);
//   repaint     — the same with RePaint's resampling (Lugmayr et al. 2022): blocks of j steps redone
//                 r times, noised back up in between, so the unknown part can agree with the context;
//   conditioned — the inpainting U-Net (core/models/inpaintdenoiser.h) that sees the clean known
//                 pixels and the mask (the lecture's better way, 13:30).
// Each result also carries the seam metric: how sharply the filled part meets the kept part.
// Qt-free; runs on a worker thread with progress and cancel.

#include "core/models/imagecheckpoint.h"
#include "core/runtime/progress.h"
#include "core/sampling/inpaint.h"
#include "core/sampling/sampler.h"
#include "core/sampling/trajectory.h"

#include <ATen/core/Tensor.h>
#include <c10/core/Device.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace ds {

// The plain image U-Net (replace, repaint) and the inpainting U-Net (conditioned), loaded once.
struct InpaintModels {
  std::string unetPath;
  std::string inpainterPath;   // empty when none was found
  std::string inpainterError;  // why there is none (shown when the conditioned method is asked for)
  UNetCheckpointMeta meta;     // of the plain U-Net
  std::shared_ptr<const UNetDenoiser> unet, inpainter;
  c10::Device device = c10::Device(c10::kCPU);
};

// Resolves and loads both models on `device` (names as in the registry, or files). The plain U-Net
// is required (ModelNotFound / ImageCheckpointError); a missing or unsuitable inpainter only fills
// inpainterError.
std::shared_ptr<const InpaintModels> loadInpaintModels(const std::string& unetNameOrPath,
                                                       const std::string& inpainterNameOrPath,
                                                       const c10::Device& device);

// Mean squared difference of the horizontally and vertically adjacent pixel pairs that straddle the
// mask's boundary (one pixel filled, mask ≥ 0.5, the other kept): large when the filled part does not
// continue the kept one. images [N, 1, H, W] (or [H, W]); mask [1, 1, H, W] or [H, W]. Returns [N]
// as doubles; NaN when the mask has no boundary.
std::vector<double> seamMetric(const at::Tensor& images, const at::Tensor& mask);

// Throws std::invalid_argument when a mask [H, W] fills nothing or keeps nothing (message says which).
void checkInpaintMask(const at::Tensor& mask);

struct ImageInpaintRequest {
  at::Tensor picture;  // [H, W] or [1, 1, H, W] in [−1, 1], the model's size
  at::Tensor mask;     // the same shape, 1 = fill, 0 = keep (soft values blend)
  std::vector<InpaintMethod> methods{InpaintMethod::Replace, InpaintMethod::Repaint, InpaintMethod::Conditioned};
  int jump = 10;     // RePaint j, in sampler steps
  int resample = 5;  // RePaint r
  SamplerKind sampler = SamplerKind::Ddim;
  int samplingSteps = 50;  // DDIM; DDPM runs all T
  double eta = 1.0;        // DDIM: 1 keeps the chain stochastic, as replacement assumes
  int label = -1;          // a class to ask for, or −1 for none (the null label)
  std::int64_t n = 4;      // samples per method, 1..64
  std::uint64_t seed = 0;
  int recordFrames = 50;  // about this many recorded steps per run
};

struct ImageInpaintRun {
  InpaintMethod method = InpaintMethod::Replace;
  Trajectory chain;          // x_t and x̂_0, [n, 1, H, W] each, T → 0, on the CPU
  std::vector<double> seam;  // seamMetric of each final sample
  double seconds = 0;        // wall time of the run
};

struct ImageInpaintResult {
  at::Tensor picture, mask;  // [1, 1, H, W], as used
  double originalSeam = 0;   // seamMetric of the picture itself
  std::vector<ImageInpaintRun> runs;
  std::string device;
  std::uint64_t seed = 0;
};

ImageInpaintResult runImageInpaint(const InpaintModels& models, const ImageInpaintRequest& request,
                                   const ProgressFn& progress = {}, const CancelToken& cancel = {});

}  // namespace ds
