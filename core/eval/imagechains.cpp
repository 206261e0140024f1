#include "core/eval/imagechains.h"

#include "core/eval/progressstage.h"
#include "core/models/registry.h"
#include "core/models/unet.h"
#include "core/runtime/device.h"
#include "core/runtime/rng.h"
#include "core/sampling/guidance.h"
#include "core/training/classifiertrainer.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <sstream>
#include <stdexcept>

namespace ds {

// ---- forward chain --------------------------------------------------------------------------

at::Tensor ImageForwardResult::jump(int t) const {
  const NoiseSchedule s(schedule);
  t = std::clamp(t, 0, T);
  return x0 * std::sqrt(s.alphaBar(t)) + jumpNoise * std::sqrt(1.0 - s.alphaBar(t));
}

at::Tensor ImageForwardResult::noiseAdded(int t) const {
  const NoiseSchedule s(schedule);
  t = std::clamp(t, 0, T);
  return steps[t] - x0 * std::sqrt(s.alphaBar(t));
}

namespace {

std::vector<double> pixelHistogram(const at::Tensor& x) {
  // Density over the bins (the share of pixels in a bin divided by the bin width), so it reads on
  // the same axis as the N(0, 1) density.
  const auto flat = x.contiguous().to(at::kFloat).view({-1});
  const float* p = flat.data_ptr<float>();
  const std::int64_t n = flat.numel();
  std::vector<double> bins(kHistogramBins, 0.0);
  const double width = 2 * kHistogramRange / kHistogramBins;
  for (std::int64_t i = 0; i < n; ++i) {
    const double b = std::floor((p[i] + kHistogramRange) / width);
    if (b >= 0 && b < kHistogramBins) bins[std::size_t(b)] += 1;
  }
  for (double& v : bins) v /= double(std::max<std::int64_t>(n, 1)) * width;
  return bins;
}

}  // namespace

ImageForwardResult runImageForward(const at::Tensor& images, const at::Tensor& labels, int label, int count,
                                   std::uint64_t seed, const ScheduleSpec& schedule, const CancelToken& cancel) {
  if (!images.defined() || images.dim() != 4 || images.size(0) == 0)
    throw std::invalid_argument("the forward chain needs images [N, C, H, W]");
  if (count < 1 || count > 64) throw std::invalid_argument("choose 1 to 64 images");
  const NoiseSchedule s(schedule);
  auto gen = makeGenerator(seed, c10::Device(c10::kCPU));
  // The pool: every image, or those of one class; `count` of it drawn without replacement.
  at::Tensor pool = label < 0 ? at::arange(images.size(0), at::kLong) : (labels == label).nonzero().view({-1});
  if (pool.numel() == 0) throw std::invalid_argument("no image of class " + std::to_string(label));
  const auto order = at::randperm(pool.numel(), gen, at::kLong);
  const auto pick = pool.index_select(0, order.narrow(0, 0, std::min<std::int64_t>(count, pool.numel())));

  ImageForwardResult r;
  r.schedule = schedule;
  r.T = s.steps();
  r.x0 = images.index_select(0, pick).to(at::kFloat).contiguous();
  r.labels = labels.index_select(0, pick).contiguous();
  r.jumpNoise = at::randn(r.x0.sizes(), gen);
  std::vector<std::int64_t> shape{r.T + 1};
  for (auto d : r.x0.sizes()) shape.push_back(d);
  r.steps = at::empty(shape, at::kFloat);
  r.steps[0].copy_(r.x0);
  r.histogram.reserve(std::size_t(r.T) + 1);
  auto record = [&r](const at::Tensor& xt) {
    r.histogram.push_back(pixelHistogram(xt));
    r.pixelMean.push_back(xt.mean().item<double>());
    r.pixelStd.push_back(xt.std().item<double>());
  };
  record(r.x0);
  at::Tensor x = r.x0.clone();
  for (int t = 1; t <= r.T; ++t) {
    if ((t & 63) == 0) throwIfCancelled(cancel);
    const double beta = s.beta(t);
    x = x * std::sqrt(1.0 - beta) + at::randn(x.sizes(), gen) * std::sqrt(beta);
    r.steps[t].copy_(x);
    record(x);
  }
  return r;
}

// ---- reverse chain --------------------------------------------------------------------------

std::string toString(ImageGuidance guidance) {
  switch (guidance) {
    case ImageGuidance::None:
      return "none";
    case ImageGuidance::ClassifierFree:
      return "cfg";
    case ImageGuidance::Classifier:
      return "classifier";
    case ImageGuidance::Unconditional:
      return "unconditional";
  }
  return "none";
}

ImageGuidance parseImageGuidance(const std::string& name) {
  for (auto g :
       {ImageGuidance::None, ImageGuidance::ClassifierFree, ImageGuidance::Classifier, ImageGuidance::Unconditional}) {
    if (toString(g) == name) return g;
  }
  throw std::invalid_argument("'" + name + "' is not none, cfg, classifier or unconditional");
}

double defaultGuidanceScale(ImageGuidance guidance) {
  switch (guidance) {
    case ImageGuidance::ClassifierFree:
      return 3.0;
    case ImageGuidance::Classifier:
      return 10.0;
    default:
      return 0.0;
  }
}

std::string ImageSamplerSettings::label() const {
  std::ostringstream s;
  if (sampler == SamplerKind::Ddim) {
    s << "DDIM-" << samplingSteps;
    if (eta != 0) s << " η = " << eta;
  } else {
    s << "DDPM";
  }
  switch (guidance) {
    case ImageGuidance::None:
      s << ", no guidance";
      break;
    case ImageGuidance::ClassifierFree:
      s << ", classifier-free w = " << scale;
      break;
    case ImageGuidance::Classifier:
      s << ", classifier guidance s = " << scale;
      break;
    case ImageGuidance::Unconditional:
      s << ", unconditional";
      break;
  }
  return s.str();
}

bool ImageSamplerSettings::operator==(const ImageSamplerSettings& o) const {
  return guidance == o.guidance && scale == o.scale && sampler == o.sampler && samplingSteps == o.samplingSteps &&
         eta == o.eta;
}

std::shared_ptr<const ImageModels> loadImageModels(const std::string& unetNameOrPath,
                                                   const std::string& classifierNameOrPath, const c10::Device& device) {
  auto models = std::make_shared<ImageModels>();
  models->device = device;
  models->unetPath = resolveModelPath(unetNameOrPath);
  UNetCheckpoint ck = loadUNetCheckpoint(models->unetPath, device);
  models->meta = ck.meta;
  models->unet = ck.model;
  try {
    const std::string path = resolveModelPath(classifierNameOrPath);
    ClassifierCheckpoint c = loadClassifierCheckpoint(path, device);
    const auto& a = models->meta.architecture;
    if (!c.architecture.timeConditioned) {
      models->classifierError = path + " is a clean-image classifier; guidance needs a noisy (time-conditioned) one";
    } else if (c.architecture.numClasses != a.numClasses || c.architecture.imageSize != a.imageSize ||
               c.architecture.imageChannels != a.imageChannels || c.architecture.steps != a.steps) {
      models->classifierError = path + " was trained for other images, classes or T than " + models->unetPath;
    } else {
      models->classifier = c.net;
      models->classifierPath = path;
    }
  } catch (const std::exception& e) {
    models->classifierError = firstLine(e);
  }
  return models;
}

std::shared_ptr<const Denoiser> guidedDenoiser(const ImageModels& models, const ImageSamplerSettings& settings) {
  switch (settings.guidance) {
    case ImageGuidance::None:
    case ImageGuidance::Unconditional:
      return models.unet;
    case ImageGuidance::ClassifierFree:
      return std::make_shared<ClassifierFreeGuidance>(models.unet, settings.scale);
    case ImageGuidance::Classifier:
      if (!models.classifier) {
        throw std::invalid_argument("classifier guidance needs the noisy classifier: " +
                                    (models.classifierError.empty() ? "none loaded" : models.classifierError));
      }
      return std::make_shared<ClassifierGuidance>(models.unet, models.classifier, NoiseSchedule(models.meta.schedule),
                                                  settings.scale);
  }
  throw std::invalid_argument("unknown guidance");
}

at::Tensor guidanceLabels(const ImageModels& models, const ImageSamplerSettings& settings, int label, std::int64_t n) {
  const int classes = models.unet->numClasses();
  if (settings.guidance == ImageGuidance::Unconditional) return at::full({n}, classes, at::kLong);
  if (label < 0 || label >= classes) {
    throw std::invalid_argument("class " + std::to_string(label) + " is outside 0.." + std::to_string(classes - 1));
  }
  return at::full({n}, label, at::kLong);
}

ImageSampleResult runImageSampling(const ImageModels& models, const ImageSampleRequest& request,
                                   const ProgressFn& progress, const CancelToken& cancel) {
  if (!models.unet) throw std::invalid_argument("no image model loaded");
  if (request.settings.empty() || request.settings.size() > 2) throw std::invalid_argument("give 1 or 2 settings");
  if (request.n < 1 || request.n > 256) throw std::invalid_argument("choose 1 to 256 samples");
  const NoiseSchedule schedule(models.meta.schedule);
  const auto& a = models.meta.architecture;
  // One x_T for every run, drawn on the CPU so that it does not depend on the device.
  auto gen = makeGenerator(request.seed, c10::Device(c10::kCPU));
  const at::Tensor xT = at::randn({request.n, a.imageChannels, a.imageSize, a.imageSize}, gen);

  ImageSampleResult result;
  result.settings = request.settings;
  result.label = request.label;
  result.seed = request.seed;
  result.device = describeDevice(models.device);
  // Each run's share of the progress bar is proportional to its network evaluations.
  std::vector<long long> cost;
  for (const auto& s : request.settings) {
    const long long steps =
        s.sampler == SamplerKind::Ddim ? std::clamp(s.samplingSteps, 1, schedule.steps()) : schedule.steps();
    cost.push_back(steps * (s.guidance == ImageGuidance::ClassifierFree ? 2 : 1));
  }
  long long total = 0;
  for (auto c : cost) total += c;
  long long from = 0;
  for (std::size_t i = 0; i < request.settings.size(); ++i) {
    const ImageSamplerSettings& s = request.settings[i];
    auto model = guidedDenoiser(models, s);
    SampleRequest req;
    req.kind = s.sampler;
    req.samplingSteps = s.sampler == SamplerKind::Ddim ? s.samplingSteps : 0;
    req.eta = s.eta;
    req.n = request.n;
    req.seed = request.seed;
    req.labels = guidanceLabels(models, s, request.label, request.n);
    req.xT = xT.to(models.device);
    req.device = models.device;
    req.clipX0 = true;
    const int steps =
        s.sampler == SamplerKind::Ddim ? std::clamp(s.samplingSteps, 1, schedule.steps()) : schedule.steps();
    req.recordStride = std::max(1, steps / std::max(1, request.recordFrames));
    const long long span = 1000 * cost[i] / std::max(1LL, total);
    const auto start = std::chrono::steady_clock::now();
    result.runs.push_back(
        sample(*model, schedule, req, progressStage(progress, 1000 * from / std::max(1LL, total), span), cancel));
    result.seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    from += cost[i];
  }
  return result;
}

}  // namespace ds
