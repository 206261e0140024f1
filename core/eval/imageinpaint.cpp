#include "core/eval/imageinpaint.h"

#include "core/eval/progressstage.h"
#include "core/models/inpaintdenoiser.h"
#include "core/models/registry.h"
#include "core/models/unet.h"
#include "core/runtime/device.h"
#include "core/runtime/rng.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <stdexcept>

namespace ds {
namespace {

// [H, W] or [1, 1, H, W] → [1, 1, H, W] float on the CPU.
at::Tensor asPicture(const at::Tensor& x, const char* what, int size) {
  if (!x.defined()) throw std::invalid_argument(std::string("inpainting: no ") + what);
  at::Tensor p = x.dim() == 2 ? x.view({1, 1, x.size(0), x.size(1)}) : x;
  if (p.dim() != 4 || p.size(0) != 1 || p.size(1) != 1 || p.size(2) != size || p.size(3) != size) {
    throw std::invalid_argument(std::string("inpainting: the ") + what + " must be " + std::to_string(size) + "×" +
                                std::to_string(size) + " pixels");
  }
  return p.to(at::kCPU, at::kFloat).contiguous();
}

long long evaluations(InpaintMethod method, int steps, int resample) {
  return method == InpaintMethod::Repaint ? static_cast<long long>(steps) * resample : steps;
}

}  // namespace

std::shared_ptr<const InpaintModels> loadInpaintModels(const std::string& unetNameOrPath,
                                                       const std::string& inpainterNameOrPath,
                                                       const c10::Device& device) {
  auto models = std::make_shared<InpaintModels>();
  models->device = device;
  models->unetPath = resolveModelPath(unetNameOrPath);
  UNetCheckpoint plain = loadUNetCheckpoint(models->unetPath, device);
  if (plain.meta.architecture.conditionChannels != 0) {
    throw ImageCheckpointError(models->unetPath + " is an inpainting model; replace and repaint need the plain U-Net");
  }
  models->meta = plain.meta;
  models->unet = plain.model;
  try {
    const std::string path = resolveModelPath(inpainterNameOrPath);
    UNetCheckpoint ck = loadUNetCheckpoint(path, device);
    const auto& a = ck.meta.architecture;
    const auto& b = models->meta.architecture;
    if (a.conditionChannels != kInpaintConditionChannels) {
      models->inpainterError = path + " is not an inpainting model (it has no mask input)";
    } else if (a.imageSize != b.imageSize || a.imageChannels != b.imageChannels || a.steps != b.steps ||
               toJson(ck.meta.schedule) != toJson(models->meta.schedule)) {
      models->inpainterError = path + " was trained for other pictures or another schedule than " + models->unetPath;
    } else {
      models->inpainter = ck.model;
      models->inpainterPath = path;
    }
  } catch (const std::exception& e) {
    models->inpainterError = firstLine(e);
  }
  return models;
}

std::vector<double> seamMetric(const at::Tensor& images, const at::Tensor& mask) {
  at::Tensor x = images.to(at::kCPU, at::kDouble);
  if (x.dim() == 2) x = x.view({1, 1, x.size(0), x.size(1)});
  at::Tensor m = mask.to(at::kCPU, at::kDouble);
  if (m.dim() == 2) m = m.view({1, 1, m.size(0), m.size(1)});
  if (x.dim() != 4 || m.dim() != 4 || x.size(2) != m.size(2) || x.size(3) != m.size(3)) {
    throw std::invalid_argument("seamMetric: images [N, 1, H, W] and a mask of the same H, W");
  }
  const at::Tensor fill = (m >= 0.5).to(at::kDouble);
  // Pairs (right neighbour, lower neighbour) whose two pixels differ in fill/keep.
  const int H = static_cast<int>(x.size(2)), W = static_cast<int>(x.size(3));
  const at::Tensor acrossX = (fill.narrow(3, 0, W - 1) - fill.narrow(3, 1, W - 1)).abs();
  const at::Tensor acrossY = (fill.narrow(2, 0, H - 1) - fill.narrow(2, 1, H - 1)).abs();
  const double pairs = acrossX.sum().item<double>() + acrossY.sum().item<double>();
  std::vector<double> out(static_cast<std::size_t>(x.size(0)), NAN);
  if (pairs == 0) return out;
  const at::Tensor dx = (x.narrow(3, 0, W - 1) - x.narrow(3, 1, W - 1)).pow(2) * acrossX;
  const at::Tensor dy = (x.narrow(2, 0, H - 1) - x.narrow(2, 1, H - 1)).pow(2) * acrossY;
  const at::Tensor total = (dx.sum({1, 2, 3}) + dy.sum({1, 2, 3})) / pairs;
  for (std::int64_t i = 0; i < x.size(0); ++i) out[static_cast<std::size_t>(i)] = total[i].item<double>();
  return out;
}

void checkInpaintMask(const at::Tensor& mask) {
  const at::Tensor fill = mask >= 0.5;
  const auto filled = fill.sum().item<std::int64_t>();
  if (filled == 0) throw std::invalid_argument("the mask fills nothing: paint the part to fill in white");
  if (filled == mask.numel()) {
    throw std::invalid_argument("the mask fills the whole picture: keep some pixels (black) as the context");
  }
}

ImageInpaintResult runImageInpaint(const InpaintModels& models, const ImageInpaintRequest& request,
                                   const ProgressFn& progress, const CancelToken& cancel) {
  if (!models.unet) throw std::invalid_argument("no image model loaded");
  if (request.methods.empty()) throw std::invalid_argument("choose at least one inpainting method");
  if (request.n < 1 || request.n > 64) throw std::invalid_argument("choose 1 to 64 samples per method");
  const auto& a = models.meta.architecture;
  const NoiseSchedule schedule(models.meta.schedule);
  ImageInpaintResult result;
  result.picture = asPicture(request.picture, "picture", a.imageSize);
  result.mask = asPicture(request.mask, "mask", a.imageSize).clamp(0, 1);
  checkInpaintMask(result.mask);
  result.originalSeam = seamMetric(result.picture, result.mask).front();
  result.device = describeDevice(models.device);
  result.seed = request.seed;
  if (request.label >= a.numClasses) {
    throw std::invalid_argument("class " + std::to_string(request.label) + " is outside 0.." +
                                std::to_string(a.numClasses - 1));
  }
  const int steps =
      request.sampler == SamplerKind::Ddim ? std::clamp(request.samplingSteps, 1, schedule.steps()) : schedule.steps();
  // One x_T for every method, drawn on the CPU so that it does not depend on the device.
  auto gen = makeGenerator(request.seed, c10::Device(c10::kCPU));
  const at::Tensor xT = at::randn({request.n, a.imageChannels, a.imageSize, a.imageSize}, gen);
  const at::Tensor labels =
      at::full({request.n}, request.label < 0 ? a.numClasses : request.label, at::TensorOptions().dtype(at::kLong));

  long long total = 0;
  for (auto m : request.methods) {
    total += evaluations(m, steps, request.resample);
    if (m == InpaintMethod::Conditioned && !models.inpainter) {  // before any other method runs
      throw std::invalid_argument("the conditioned method needs the inpainting model: " +
                                  (models.inpainterError.empty() ? "none loaded" : models.inpainterError));
    }
  }
  long long from = 0;
  for (InpaintMethod method : request.methods) {
    throwIfCancelled(cancel);
    std::shared_ptr<const Denoiser> model = models.unet;
    if (method == InpaintMethod::Conditioned) {
      model = std::make_shared<InpaintUNetDenoiser>(models.inpainter, result.picture, result.mask);
    }
    InpaintRequest req;
    req.method = method;
    req.known = result.picture.to(models.device);
    req.mask = result.mask.to(models.device);
    req.jump = request.jump;
    req.resample = request.resample;
    req.sampler.kind = request.sampler;
    req.sampler.samplingSteps = request.sampler == SamplerKind::Ddim ? steps : 0;
    req.sampler.eta = request.eta;
    req.sampler.n = request.n;
    req.sampler.seed = request.seed;
    req.sampler.labels = labels.to(models.device);
    req.sampler.xT = xT.to(models.device);
    req.sampler.device = models.device;
    req.sampler.clipX0 = true;
    req.sampler.recordStride = std::max(1, steps / std::max(1, request.recordFrames));
    const long long cost = evaluations(method, steps, request.resample);
    const auto start = std::chrono::steady_clock::now();
    ImageInpaintRun run;
    run.method = method;
    run.chain = inpaint(*model, schedule, req,
                        progressStage(progress, 1000 * from / std::max(1LL, total), 1000 * cost / std::max(1LL, total)),
                        cancel);
    run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    run.seam = seamMetric(run.chain.final(), result.mask);
    result.runs.push_back(std::move(run));
    from += cost;
  }
  return result;
}

}  // namespace ds
