#include "ui/lessons/likelihood/imagebpdjobs.h"

#include "core/likelihood/vlb.h"
#include "core/models/imagecheckpoint.h"
#include "core/models/registry.h"
#include "core/models/unet.h"
#include "core/runtime/device.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <stdexcept>

namespace ds::ui {

namespace {

constexpr double kLn2 = 0.69314718055994530942;

// Independent seeds per batch and method, so that a batch's numbers do not depend on how many
// batches ran before it (splitmix64's finaliser, as diffusion-cli's deriveSeed).
std::uint64_t batchSeed(std::uint64_t seed, std::uint64_t stream) {
  std::uint64_t z = seed + 0x9E3779B97F4A7C15ULL * (stream + 1);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

void append(std::vector<double>& to, const at::Tensor& values, double scale) {
  const at::Tensor v = values.detach().to(at::kCPU, at::kDouble).contiguous();
  const double* p = v.data_ptr<double>();
  for (std::int64_t i = 0; i < v.numel(); ++i) to.push_back(p[i] * scale);
}

// The indices of the first `count` test images of class `label` (−1: any).
std::vector<std::int64_t> chooseImages(const ImageSet& set, int label, int count) {
  std::vector<std::int64_t> chosen;
  const at::Tensor labels = set.labels.to(at::kLong).contiguous();
  const std::int64_t* l = labels.data_ptr<std::int64_t>();
  for (std::int64_t i = 0; i < labels.numel() && std::int64_t(chosen.size()) < count; ++i) {
    if (label < 0 || l[i] == label) chosen.push_back(i);
  }
  if (std::int64_t(chosen.size()) < count) {
    throw std::invalid_argument("the test split has only " + std::to_string(chosen.size()) + " images of class " +
                                std::to_string(label) + ", fewer than the " + std::to_string(count) + " asked for");
  }
  return chosen;
}

double seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

}  // namespace

void validate(const ImageBpdRequest& r) {
  auto check = [](bool ok, const std::string& what) {
    if (!ok) throw std::invalid_argument(what);
  };
  check(r.count >= 1 && r.count <= kImageBpdMaxImages,
        "images: must be 1.." + std::to_string(kImageBpdMaxImages) + ", got " + std::to_string(r.count));
  check(r.label >= -1 && r.label <= 9, "class: must be 0..9 or −1 (any), got " + std::to_string(r.label));
  check(r.vlb || r.ode, "methods: choose the VLB, the ODE or both");
  check(r.sampledT >= 2 && r.sampledT <= 1000, "VLB sampled t: must be 2..1000, got " + std::to_string(r.sampledT));
  check(r.tolerance >= 1e-6 && r.tolerance <= 0.1, "ODE tolerance: must be 1e-6..0.1");
  check(r.heunSteps >= 2 && r.heunSteps <= 1000, "ODE steps: must be 2..1000, got " + std::to_string(r.heunSteps));
  check(r.probes >= 1 && r.probes <= 64, "ODE probes: must be 1..64, got " + std::to_string(r.probes));
  check(r.batch >= 1 && r.batch <= 256, "batch: must be 1..256, got " + std::to_string(r.batch));
}

std::shared_ptr<const ImageBpdInputs> loadImageBpdInputs(const ImageBpdRequest& request, const c10::Device& device,
                                                         std::shared_ptr<const ImageBpdInputs> cached) {
  auto inputs = std::make_shared<ImageBpdInputs>();
  inputs->device = device;
  inputs->modelName = request.model;
  inputs->dataFolder = request.dataFolder;
  const bool sameModel = cached && cached->modelName == request.model && cached->device == device;
  if (sameModel) {
    inputs->modelPath = cached->modelPath;
    inputs->model = cached->model;
    inputs->schedule = cached->schedule;
  } else {
    inputs->modelPath = resolveModelPath(request.model);
    UNetCheckpoint ck = loadUNetCheckpoint(inputs->modelPath, device);
    const UNetConfig& a = ck.meta.architecture;
    if (a.imageSize != 28 || a.imageChannels != 1 || a.conditionChannels != 0) {
      throw std::invalid_argument(inputs->modelPath + " is not a model of 28×28 grayscale Fashion-MNIST images");
    }
    inputs->model = ck.model;
    inputs->schedule = ck.meta.schedule;
  }
  if (cached && cached->testSet && cached->dataFolder == request.dataFolder) {
    inputs->testSet = cached->testSet;
  } else {
    inputs->testSet = std::make_shared<const ImageSet>(loadFashionMnist(request.dataFolder, ImageSplit::Test));
  }
  return inputs;
}

MeanWithError meanWithError(const std::vector<double>& values) {
  MeanWithError m;
  m.n = values.size();
  if (values.empty()) return m;
  double sum = 0;
  for (double v : values) sum += v;
  m.mean = sum / double(m.n);
  if (m.n > 1) {
    double ss = 0;
    for (double v : values) ss += (v - m.mean) * (v - m.mean);
    m.standardError = std::sqrt(ss / double(m.n - 1) / double(m.n));
  }
  return m;
}

void ImageBpdPartial::set(std::shared_ptr<const ImageBpdResult> result) {
  std::lock_guard<std::mutex> lock(m_mutex);
  m_latest = std::move(result);
}

std::shared_ptr<const ImageBpdResult> ImageBpdPartial::latest() const {
  std::lock_guard<std::mutex> lock(m_mutex);
  return m_latest;
}

ImageBpdResult runImageBpd(const ImageBpdRequest& request, const c10::Device& device,
                           std::shared_ptr<const ImageBpdInputs> cached, const ProgressFn& progress,
                           const CancelToken& cancel, ImageBpdPartial* partial) {
  validate(request);
  ImageBpdResult out;
  out.request = request;
  out.device = describeDevice(device);
  out.inputs = loadImageBpdInputs(request, device, std::move(cached));
  if (cancel.isCancelled()) throw Cancelled();
  const ImageBpdInputs& in = *out.inputs;
  out.indices = chooseImages(*in.testSet, request.label, request.count);
  const at::Tensor index = at::tensor(out.indices, at::kLong);
  out.images = in.testSet->images.index_select(0, index).contiguous();
  const at::Tensor labels = in.testSet->labels.index_select(0, index).to(at::kLong).contiguous();
  for (std::int64_t i = 0; i < labels.numel(); ++i) out.labels.push_back(int(labels.data_ptr<std::int64_t>()[i]));
  if (partial) partial->set(std::make_shared<const ImageBpdResult>(out));

  const NoiseSchedule schedule(in.schedule);
  const std::int64_t N = out.images.size(0);
  const double D = double(out.images.numel() / N);
  const double toBits = 1.0 / (D * kLn2);
  const int methods = int(request.vlb) + int(request.ode);
  const long long total = 1000LL * N * methods;
  long long unitsDone = 0;  // 1000 per image and method finished
  // Maps a core call's own progress (step of total) over `images` images onto the whole job.
  auto inner = [&](std::int64_t images) -> ProgressFn {
    if (!progress) return {};
    return [&, images](const Progress& p) {
      const double fraction = p.total > 0 ? std::clamp(double(p.step) / double(p.total), 0.0, 1.0) : 0.0;
      progress(Progress{unitsDone + static_cast<long long>(std::lround(1000.0 * double(images) * fraction)), total,
                        p.stage});
    };
  };
  if (progress) progress(Progress{0, total, "images"});

  for (std::int64_t start = 0, b = 0; start < N; start += request.batch, ++b) {
    const std::int64_t n = std::min<std::int64_t>(request.batch, N - start);
    const at::Tensor x0 = out.images.slice(0, start, start + n).to(device);
    if (request.vlb) {
      const auto t0 = std::chrono::steady_clock::now();
      VlbOptions v;  // as diffusion-cli nll --method vlb on images
      v.variance = VlbVariance::Large;
      v.decoder = VlbDecoder::Discretized;
      v.clipX0 = true;
      v.sampledT = request.sampledT;
      v.batchRows = 64;
      v.seed = batchSeed(request.seed, 2 * std::uint64_t(b));
      v.device = device;
      const VlbResult r = variationalBound(*in.model, schedule, x0, v, inner(n), cancel);
      append(out.vlb.bitsPerDim, r.bitsPerDim, 1.0);
      append(out.vlb.standardError, r.standardError, toBits);
      append(out.vlb.l0, r.l0, toBits);
      append(out.vlb.lMid, r.lMid, toBits);
      append(out.vlb.lT, r.lT, toBits);
      out.vlb.evaluations += r.evaluations;
      out.vlb.seconds += seconds(t0);
      unitsDone += 1000LL * n;
    }
    if (request.ode) {
      const auto t0 = std::chrono::steady_clock::now();
      OdeOptions o;  // as diffusion-cli nll --method ode on images
      o.solver = request.solver;
      o.rtol = o.atol = request.tolerance;
      o.steps = request.heunSteps;
      o.probes = request.probes;
      o.images = true;
      o.seed = batchSeed(request.seed, 2 * std::uint64_t(b) + 1);
      o.device = device;
      const OdeNll r = odeNegLogLikelihood(*in.model, schedule, x0, o, inner(n), cancel);
      append(out.ode.bitsPerDim, r.bitsPerDim, 1.0);
      out.ode.evaluations += r.evaluations;
      out.ode.seconds += seconds(t0);
      unitsDone += 1000LL * n;
    }
    if (progress) progress(Progress{unitsDone, total, "images"});
    if (partial && start + n < N) partial->set(std::make_shared<const ImageBpdResult>(out));
  }
  out.complete = true;
  if (partial) partial->set(std::make_shared<const ImageBpdResult>(out));
  return out;
}

}  // namespace ds::ui
