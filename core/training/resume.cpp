#include "core/training/resume.h"

#include "core/data/toys.h"
#include "core/runtime/rng.h"

#include <ATen/ATen.h>

namespace ds {

std::uint64_t trainingDataSeed(std::uint64_t trainingSeed) {
  // splitmix64 finaliser over seed + 2·golden ratio: stream 1 of the CLI's seed derivation, kept
  // so that checkpoints written before this function existed still redraw their data.
  std::uint64_t z = trainingSeed + 0x9E3779B97F4A7C15ULL * 2;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

bool isRedrawableSource(const std::string& source) { return source == "toy" || source == "gmm"; }

at::Tensor drawTrainingData(const std::string& source, const std::string& name, std::int64_t n,
                            std::uint64_t trainingSeed) {
  if (n < 1) throw ResumeError("no training points to draw (size " + std::to_string(n) + ")");
  if (n > kMaxPoints) throw ResumeError("too many training points (" + std::to_string(n) + ")");
  at::Generator gen = makeGenerator(trainingDataSeed(trainingSeed), c10::Device(c10::kCPU));
  if (source == "toy") {
    if (!isToy(name)) throw ResumeError("unknown data set '" + name + "'");
    return makeToy(name, n, gen);
  }
  if (source == "gmm") {
    try {
      return GaussianMixture::parse(name).sample(n, gen, c10::Device(c10::kCPU));
    } catch (const std::exception& e) {
      throw ResumeError("the mixture '" + name + "' cannot be read: " + e.what());
    }
  }
  throw ResumeError("data of source '" + source + "' cannot be redrawn");
}

ResumeData rebuildTrainingData(const CheckpointMeta& meta, const at::Tensor& userPoints) {
  const DataInfo& d = meta.data;
  const int dim = meta.architecture.dim;
  ResumeData out;
  if (isRedrawableSource(d.source)) {
    if (d.size < 1) throw ResumeError("the file records no training points (data.size = 0)");
    out.data = drawTrainingData(d.source, d.name, d.size, meta.training.seed);
    if (d.source == "toy") {
      out.toy = d.name;
      out.mixture = toyMixture(d.name);
    } else {
      out.mixture = GaussianMixture::parse(d.name);
    }
    // Toys and mixtures are trained as drawn; a stored normalisation (if any) still applies.
    out.data = d.normalization.apply(out.data);
  } else {
    if (!userPoints.defined() || userPoints.size(0) == 0) {
      throw ResumeError("the model was trained on " + d.source + " data ('" + d.name +
                        "') that the file does not hold");
    }
    if (userPoints.dim() != 2 || userPoints.size(1) != dim) {
      throw ResumeError("the points are " + std::to_string(userPoints.dim() == 2 ? userPoints.size(1) : 0) +
                        "-D but the model is " + std::to_string(dim) + "-D");
    }
    out.data = d.normalization.apply(userPoints.to(at::kCPU, at::kFloat));
  }
  if (out.data.size(1) != dim) {
    throw ResumeError("the file's data are " + std::to_string(out.data.size(1)) + "-D but the model is " +
                      std::to_string(dim) + "-D");
  }
  out.data = out.data.contiguous();
  return out;
}

TrainConfig trainConfigOf(const CheckpointMeta& meta) {
  const TrainingInfo& t = meta.training;
  TrainConfig c;
  c.batchSize = t.batchSize;
  c.learningRate = t.learningRate;
  c.seed = t.seed;
  c.emaDecay = t.emaDecay;
  c.gradClip = t.gradClip;
  c.weighting = t.weighting;
  try {
    c.validate();
  } catch (const std::invalid_argument& e) {
    throw ResumeError(e.what());
  }
  return c;
}

std::unique_ptr<Trainer> makeResumedTrainer(const Checkpoint& ck, const at::Tensor& data, const TrainConfig& config,
                                            const c10::Device& device) {
  if (!ck.model) throw ResumeError("the checkpoint holds no model");
  const NoiseSchedule schedule(ck.meta.schedule);
  try {
    return std::make_unique<Trainer>(*ck.model, schedule, data, config, at::Tensor(), ck.state ? &*ck.state : nullptr,
                                     device);
  } catch (const std::invalid_argument& e) {
    throw ResumeError(e.what());
  }
}

}  // namespace ds
