#include "app/cli/image_options.h"

#include "core/data/idx.h"
#include "core/data/png.h"
#include "core/eval/imagechains.h"
#include "core/models/registry.h"
#include "core/runtime/device.h"
#include "core/sampling/guidance.h"
#include "core/training/classifiertrainer.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <thread>

namespace dscli {

constexpr double kMaxGuidanceScale = 1000.0;
namespace {

namespace fs = std::filesystem;

// True when the file starts like a zip archive, the container LibTorch's serialize archives use.
bool startsLikeArchive(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char magic[4] = {};
  return in.read(magic, 4) && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4;
}

ds::ClassifierCheckpoint loadNoisyClassifier(const ImageOptions& o, const ImageModel& model,
                                             const c10::Device& device) {
  ds::ClassifierCheckpoint c;
  try {
    c = ds::loadClassifierCheckpoint(ds::resolveModelPath(o.classifier), device);
  } catch (const ds::ModelNotFound& e) {
    throw UsageError("--classifier", e.what());
  } catch (const ds::ImageCheckpointError& e) {
    throw UsageError("--classifier", e.what());
  }
  if (!c.architecture.timeConditioned) {
    throw UsageError("--classifier",
                     o.classifier + " is a clean-image classifier; guidance needs a noisy (time-conditioned) one");
  }
  const auto& a = model.checkpoint.meta.architecture;
  if (c.architecture.numClasses != a.numClasses || c.architecture.imageSize != a.imageSize ||
      c.architecture.imageChannels != a.imageChannels || c.architecture.steps != model.schedule->steps()) {
    throw UsageError("--classifier", o.classifier + " was trained for other images, classes or T than " + model.path);
  }
  return c;
}

}  // namespace

ds::ClassifierCheckpoint loadJudge(const std::string& nameOrPath, const ds::UNetConfig& a, const std::string& modelPath,
                                   const c10::Device& device) {
  ds::ClassifierCheckpoint judge;
  try {
    judge = ds::loadClassifierCheckpoint(ds::resolveModelPath(nameOrPath), device);
  } catch (const ds::ModelNotFound& e) {
    throw UsageError("--judge", e.what());
  } catch (const ds::ImageCheckpointError& e) {
    throw UsageError("--judge", e.what());
  }
  if (judge.architecture.timeConditioned) {
    throw UsageError("--judge", nameOrPath +
                                    " is a noisy (time-conditioned) classifier; the judge must be a clean one "
                                    "(train-classifier --clean)");
  }
  if (judge.architecture.numClasses != a.numClasses || judge.architecture.imageSize != a.imageSize ||
      judge.architecture.imageChannels != a.imageChannels) {
    throw UsageError("--judge", nameOrPath + " classifies other images or classes than " + modelPath + " makes");
  }
  return judge;
}

ModelRef resolveModelRef(const std::string& text, const std::string& option) {
  ModelRef ref;
  try {
    ref.path = ds::resolveModelPath(text);
  } catch (const ds::ModelNotFound& e) {
    if (text.find('/') == std::string::npos) throw UsageError(option, e.what());
    ref.path = text;  // the MLP loader says "cannot open …" for it, as before image models existed
    return ref;
  }
  ref.image = startsLikeArchive(ref.path);
  return ref;
}

ImageModel loadImageModel(const std::string& nameOrPath, const c10::Device& device, const std::string& option) {
  ImageModel m;
  try {
    m.path = ds::resolveModelPath(nameOrPath);
    m.checkpoint = ds::loadUNetCheckpoint(m.path, device);
  } catch (const ds::ModelNotFound& e) {
    throw UsageError(option, e.what());
  } catch (const ds::ImageCheckpointError& e) {
    throw UsageError(option, e.what());
  }
  if (m.numClasses() < 1) throw UsageError(option, m.path + " is not a class-conditional model");
  m.schedule = std::make_shared<ds::NoiseSchedule>(m.checkpoint.meta.schedule);
  return m;
}

double ImageOptions::effectiveScale() const {
  if (scaleOpt && scaleOpt->count()) return scale;
  return ds::defaultGuidanceScale(ds::parseImageGuidance(guidance));
}

void addImageOptions(CLI::App* cmd, ImageOptions& o, bool withClass, const std::string& group) {
  auto inGroup = [&](CLI::Option* opt) { return group.empty() ? opt : opt->group(group); };
  if (withClass) {
    o.classOpt = inGroup(cmd->add_option("--class", o.cls,
                                         "Class: 0..9, a name (t-shirt, trouser, pullover, dress, coat, sandal, shirt, "
                                         "sneaker, bag, ankle-boot), or all (sample i gets class i mod 10)")
                             ->capture_default_str()
                             ->type_name("C"));
  }
  o.guidanceOpt =
      inGroup(cmd->add_option("--guidance", o.guidance,
                              "none (the conditional model), cfg (classifier-free), classifier (a noisy classifier's "
                              "gradient), or unconditional (the null label)")
                  ->check(CLI::IsMember({"none", "cfg", "classifier", "unconditional"}))
                  ->capture_default_str()
                  ->type_name("KIND"));
  char scaleHelp[200];
  std::snprintf(scaleHelp, sizeof scaleHelp,
                "Guidance scale (default %g for cfg, where 1 = conditional and 0 = unconditional; %g for classifier)",
                ds::defaultGuidanceScale(ds::ImageGuidance::ClassifierFree),
                ds::defaultGuidanceScale(ds::ImageGuidance::Classifier));
  o.scaleOpt = inGroup(cmd->add_option("--scale", o.scale, scaleHelp)->type_name("W"));
  o.classifierOpt = inGroup(cmd->add_option("--classifier", o.classifier,
                                            "Noisy classifier for --guidance classifier (a bundled name or a file)")
                                ->capture_default_str()
                                ->type_name("NAME|FILE"));
  o.threadsOpt =
      inGroup(cmd->add_option("--threads", o.threads, "Intra-op threads (0 = one per core)")->type_name("N"));
}

void refuseOptions(std::initializer_list<const CLI::Option*> opts, const std::string& reason) {
  for (const CLI::Option* opt : opts) {
    if (opt && opt->count()) throw UsageError(opt->get_name(), reason);
  }
}

void applyThreads(int threads) {
  if (threads < 0) throw UsageError("--threads", "must be ≥ 0 (0 = one per core)");
  torch::set_num_threads(threads > 0 ? threads : int(std::max(1u, std::thread::hardware_concurrency())));
}

at::Tensor imageLabels(const ImageOptions& o, int numClasses, std::int64_t n) {
  if (o.guidance == "unconditional") {
    refuseOptions({o.classOpt}, "is not used with --guidance unconditional (every sample gets the null label)");
    return torch::full({n}, numClasses, torch::kLong);
  }
  if (o.cls == "all") return torch::arange(n, torch::kLong).remainder(numClasses);
  int label = 0;
  try {
    label = ds::parseFashionMnistClass(o.cls);
  } catch (const std::invalid_argument& e) {
    throw UsageError("--class", std::string(e.what()) + ", or all");
  }
  if (label >= numClasses) {
    throw UsageError("--class", "the model has " + std::to_string(numClasses) + " classes, got " + o.cls);
  }
  return torch::full({n}, label, torch::kLong);
}

DenoiserSource makeImageSource(const ImageOptions& o, const ImageModel& model, const c10::Device& device) {
  if (o.guidance != "cfg" && o.guidance != "classifier") {
    refuseOptions({o.scaleOpt}, "only applies to --guidance cfg or classifier");
  }
  if (o.guidance != "classifier") refuseOptions({o.classifierOpt}, "only applies to --guidance classifier");
  const double scale = o.effectiveScale();
  // Far beyond any useful strength (the lessons go to 10 or so), a scale only drives the samples to
  // inf: refused up front rather than found non-finite after the run.
  if (!(std::fabs(scale) <= kMaxGuidanceScale)) {
    throw UsageError("--scale",
                     "must be in -" + num(kMaxGuidanceScale) + ".." + num(kMaxGuidanceScale) + ", got " + num(scale));
  }

  DenoiserSource src;
  src.schedule = model.schedule;
  const auto& a = model.checkpoint.meta.architecture;
  src.sampleShape = {a.imageChannels, a.imageSize, a.imageSize};
  src.meta["model"] = model.path;
  src.meta["architecture"] = model.checkpoint.model->name();
  src.meta["guidance"] = o.guidance;
  src.denoiser = model.checkpoint.model;
  try {
    if (o.guidance == "cfg") {
      src.denoiser = std::make_shared<ds::ClassifierFreeGuidance>(model.checkpoint.model, scale);
      src.meta["scale"] = scale;
    } else if (o.guidance == "classifier") {
      const ds::ClassifierCheckpoint c = loadNoisyClassifier(o, model, device);
      src.denoiser = std::make_shared<ds::ClassifierGuidance>(model.checkpoint.model, c.net, *model.schedule, scale);
      src.meta["scale"] = scale;
      src.meta["classifier"] = o.classifier;
    }
  } catch (const std::invalid_argument& e) {
    throw UsageError("--scale", e.what());
  }
  return src;
}

std::string describeGuidance(const ImageOptions& o) {
  if (o.guidance == "cfg") return "classifier-free guidance w = " + num(o.effectiveScale());
  if (o.guidance == "classifier") return "classifier guidance s = " + num(o.effectiveScale());
  if (o.guidance == "unconditional") return "unconditional";
  return "conditional, no guidance";
}

void applyImageSamplerOptions(const SamplerOptions& s, int T, ds::SampleRequest& request) {
  applySamplerOptions(s, T, request);
  if (request.kind == ds::SamplerKind::Ddim && !s.samplingStepsOpt->count()) {
    request.samplingSteps = std::min(kDefaultImageDdimSteps, T);
  }
  request.clipX0 = true;
}

void writeSamplePngs(const std::string& dir, const at::Tensor& images) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec || !fs::is_directory(dir)) throw UsageError("--out", dir + ": cannot create the folder");
  for (std::int64_t i = 0; i < images.size(0); ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "sample_%04lld.png", static_cast<long long>(i));
    ds::writeGrayPng((fs::path(dir) / name).string(), images[i]);
  }
}

void writeGridPng(const std::string& path, const at::Tensor& images) {
  ds::writeGrayPngGrid(path, images, int(std::ceil(std::sqrt(double(images.size(0))))));
}

std::string chainFrameName(const std::string& prefix, int t) {
  char name[48];
  std::snprintf(name, sizeof name, "%s_t%04d.png", prefix.c_str(), t);
  return name;
}

void runImageSample(const ImageSampleJob& job) {
  requireInRange("--n", job.n, 1, kMaxImages);
  if (job.out.empty() && job.grid.empty()) {
    throw UsageError("--out", "an image model writes PNGs: give --out DIR and/or --grid FILE.png");
  }
  applyThreads(job.image.threads);
  const c10::Device device = resolveDevice();
  const ImageModel model = loadImageModel(job.model, device);
  const DenoiserSource source = makeImageSource(job.image, model, device);

  ds::SampleRequest request;
  applyImageSamplerOptions(job.sampler, model.schedule->steps(), request);
  request.n = job.n;
  request.seed = job.seed;
  request.labels = imageLabels(job.image, model.numClasses(), job.n);
  request.sampleShape = source.sampleShape;
  request.device = device;
  const std::string label = job.command + " (" + job.sampler.sampler + ", " + ds::describeDevice(device) + ")";
  const ds::Trajectory traj = runSampler(source, request, label, job.timing);

  if (!job.out.empty()) writeSamplePngs(job.out, traj.final());
  if (!job.grid.empty()) writeGridPng(job.grid, traj.final());
  if (!globalOptions().quiet) {
    std::fprintf(stderr, "%s: %lld images of %s, %s; wrote %s%s%s\n", job.command.c_str(), job.n, model.path.c_str(),
                 describeGuidance(job.image).c_str(), job.out.empty() ? "" : (job.out + "/sample_*.png").c_str(),
                 !job.out.empty() && !job.grid.empty() ? " and " : "", job.grid.c_str());
  }
}

}  // namespace dscli
