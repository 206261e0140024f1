#include "app/cli/likelihood_options.h"

#include "app/cli/image_options.h"
#include "app/cli/sampling_options.h"

#include "core/data/idx.h"
#include "core/data/pointset.h"
#include "core/runtime/rng.h"

#include <ATen/ATen.h>

#include <cmath>
#include <vector>

namespace dscli {

namespace {

constexpr long long kMaxTestImages = 10'000;  // the Fashion-MNIST test split

at::Tensor readPoints(const std::string& path) {
  try {
    return ds::readPointsCsv(path).points;
  } catch (const ds::PointSetError& e) {
    throw UsageError("--points", e.what());
  }
}

// The points of --points or --n (drawn from the mixture); exactly one of them.
at::Tensor choosePoints(const LikelihoodSourceOptions& o, const ds::GaussianMixture* mixture) {
  if (o.imagesOpt->count()) throw UsageError("--images", "needs an image model (--model fashion-mnist)");
  if (!o.points.empty() && o.nOpt->count()) throw UsageError("--n", "give --points FILE or --n N, not both");
  if (!o.points.empty()) return readPoints(o.points);
  if (!o.nOpt->count()) {
    throw UsageError("--points", mixture ? "give --points FILE or --n N (points drawn from --gmm)"
                                         : "give the points to evaluate: --points FILE");
  }
  if (!mixture) throw UsageError("--n", "draws points from --gmm; with --model give --points FILE");
  requireInRange("--n", o.n, 1, ds::kMaxPoints);
  at::Generator gen = ds::makeGenerator(deriveSeed(o.seed, 1), c10::Device(c10::kCPU));
  return mixture->sample(o.n, gen, c10::Device(c10::kCPU));
}

void checkDim(const at::Tensor& points, std::int64_t dim, const std::string& what) {
  if (points.size(1) != dim) {
    throw UsageError("--points", "the points are " + std::to_string(points.size(1)) + "-D but " + what + " is " +
                                     std::to_string(dim) + "-D");
  }
}

void loadMixture(const LikelihoodSourceOptions& o, bool needDenoiser, const c10::Device& device, LikelihoodData& d) {
  d.mixture = parseGmm(o.gmm);
  d.hasMixture = true;
  d.meta["gmm"] = d.mixture.toSpec();
  d.points = choosePoints(o, &d.mixture);
  checkDim(d.points, d.mixture.dim(), "the --gmm mixture");
  d.x0 = d.points;
  if (!needDenoiser) {
    for (auto* opt : {o.kindOpt, o.stepsOpt}) {
      if (opt->count()) throw UsageError(opt->get_name(), "is not used by --method exact (no diffusion is run)");
    }
    return;
  }
  if (!o.kindOpt->count()) throw UsageError("--kind", "is required with --gmm");
  if (!o.stepsOpt->count()) throw UsageError("--steps", "is required with --gmm");
  d.schedule = std::make_shared<ds::NoiseSchedule>(makeSchedule(o.schedule));
  d.meta["kind"] = ds::toString(d.schedule->spec().kind);
  d.meta["steps"] = d.schedule->steps();
  d.denoiser = std::make_shared<ds::ExactMixtureDenoiser>(d.mixture, *d.schedule);
  d.denoiser->to(device);
}

void loadImages(const LikelihoodSourceOptions& o, const ModelRef& ref, const c10::Device& device, LikelihoodData& d) {
  if (!o.points.empty()) throw UsageError("--points", "an image model is evaluated on test images: give --images N");
  if (o.nOpt->count()) throw UsageError("--n", "an image model is evaluated on test images: give --images N");
  if (!o.imagesOpt->count()) throw UsageError("--images", "give the number of Fashion-MNIST test images to evaluate");
  requireInRange("--images", o.images, 1, kMaxTestImages);
  applyThreads(o.threads);
  ImageModel model = loadImageModel(ref.path, device);
  ds::ImageSet set;
  try {
    set = ds::loadFashionMnist("fashion-mnist", ds::ImageSplit::Test, o.images);
  } catch (const std::exception& e) {
    throw std::runtime_error(std::string("cannot read the Fashion-MNIST test images: ") + e.what());
  }
  const auto& a = model.checkpoint.meta.architecture;
  if (set.images.size(2) != a.imageSize || set.images.size(1) != a.imageChannels) {
    throw UsageError("--model", model.path + " is not a model of 28x28 grayscale Fashion-MNIST images");
  }
  d.images = true;
  d.x0 = set.images;
  d.labels = set.labels;
  d.schedule = model.schedule;
  d.denoiser = model.checkpoint.model;
  d.meta["model"] = model.path;
  d.meta["images"] = set.images.size(0);
  d.meta["split"] = "Fashion-MNIST test (t10k), the first N images";
  d.meta["conditioning"] = "unconditional (the null label)";
  d.meta["kind"] = ds::toString(d.schedule->spec().kind);
  d.meta["steps"] = d.schedule->steps();
}

void loadPointModel(const LikelihoodSourceOptions& o, const ModelRef& ref, const c10::Device& device,
                    LikelihoodData& d) {
  if (!modelLoader()) throw UsageError("--model", "no model loader is registered");
  DenoiserSource src = modelLoader()(ref.path, device);
  d.points = choosePoints(o, nullptr);
  checkDim(d.points, src.sampleShape.at(0), "the model");
  d.x0 = d.points;
  d.meta = src.meta;
  // The loader describes a normalised model's map in its meta; −log p changes by D·log(scale).
  if (src.meta.contains("normalization")) {
    const auto& n = src.meta["normalization"];
    const double scale = n.at("scale").get<double>();
    std::vector<double> shift = n.at("shift").get<std::vector<double>>();
    at::Tensor x = d.points.to(at::kDouble);
    if (!shift.empty()) x = x - at::tensor(shift, at::kDouble).view({1, -1});
    d.x0 = (x / scale).to(at::kFloat);
    d.logJacobian = static_cast<double>(d.points.size(1)) * std::log(scale);
  }
  d.schedule = src.schedule;
  d.denoiser = src.denoiser;
}

}  // namespace

void addLikelihoodSourceOptions(CLI::App* cmd, LikelihoodSourceOptions& o) {
  auto* gmm = addGmmOption(cmd, o.gmm, /*required=*/false);
  addScheduleOptions(cmd, o.schedule, /*kindRequired=*/false, /*stepsRequired=*/false);
  o.kindOpt = cmd->get_option("--kind");
  o.stepsOpt = cmd->get_option("--steps");
  o.kindOpt->default_str("")->description("Noise schedule of the --gmm diffusion (required with --gmm)");
  o.stepsOpt->default_str("")->description("Number of diffusion steps T >= 2 (required with --gmm)");
  auto* model =
      cmd->add_option("--model", o.model, "A trained model: an MLP checkpoint FILE, or fashion-mnist (images)")
          ->type_name("M");
  gmm->excludes(model);
  model->excludes(gmm);
  cmd->add_option("--points", o.points, "The points to evaluate: a CSV file with header x,y (or x)")->type_name("FILE");
  o.nOpt = cmd->add_option("--n", o.n, "Instead of --points: N points drawn from --gmm (with --seed)")->type_name("N");
  o.imagesOpt = cmd->add_option("--images", o.images, "With an image model: the first N Fashion-MNIST test images")
                    ->type_name("N");
  // Optional here (default 0): the exact method on --points draws nothing, and the rest is reproducible either way.
  addSeedOption(cmd, o.seed)
      ->required(false)
      ->capture_default_str()
      ->description("Random seed: the x_t draws, sampled t, probes and --n points (unsigned integer)");
  o.threadsOpt = cmd->add_option("--threads", o.threads, "Intra-op threads for an image model (0 = one per core)")
                     ->capture_default_str()
                     ->type_name("N");
}

LikelihoodData loadLikelihoodData(const LikelihoodSourceOptions& o, bool needDenoiser, const c10::Device& device) {
  LikelihoodData d;
  if (o.gmm.empty() && o.model.empty()) throw UsageError("--gmm", "give --gmm SPEC or --model M");
  if (!o.gmm.empty()) {
    if (o.threadsOpt->count()) throw UsageError("--threads", "is for an image model (--model fashion-mnist)");
    loadMixture(o, needDenoiser, device, d);
  } else {
    if (!needDenoiser) throw UsageError("--method", "exact needs the data distribution: give --gmm SPEC");
    for (auto* opt : {o.kindOpt, o.stepsOpt}) {
      if (opt->count()) throw UsageError(opt->get_name(), "the schedule comes from the --model file; drop it");
    }
    const ModelRef ref = resolveModelRef(o.model);
    if (ref.image) {
      loadImages(o, ref, device, d);
    } else {
      if (o.threadsOpt->count()) throw UsageError("--threads", "is for an image model (--model fashion-mnist)");
      loadPointModel(o, ref, device, d);
    }
  }
  d.dims = d.x0.numel() / d.x0.size(0);
  return d;
}

}  // namespace dscli
