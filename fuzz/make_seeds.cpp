// Writes the seeds of fuzz/corpus/imagecheckpoint. The target's input is a flags byte and the
// "meta" entry's text (see fuzz_imagecheckpoint.cpp); the metadata here is what core's own save
// functions write for tiny U-Nets and classifiers (4×4 pictures, 4 and 8 channels), read back from
// the checkpoint files they wrote. Run by `scripts/fuzz --make-seeds`.
//
//   fuzz_make_seeds DIR

#include "core/models/imagecheckpoint.h"
#include "core/training/classifiertrainer.h"

#include <torch/torch.h>

#include <cstdio>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <string>

namespace {

ds::ImageTrainingInfo tinyTraining(int steps) {
  ds::ImageTrainingInfo info;
  info.steps = steps;
  info.loss = 0.5;
  info.data = "fuzz seed";
  info.lossCurve = {{1, 0.9}, {steps, 0.5}};
  return info;
}

void writeUNet(const std::string& path, const ds::UNetConfig& config) {
  ds::UNetCheckpoint ck;
  ck.meta.architecture = config;
  ck.meta.schedule.steps = config.steps;
  ck.meta.training = tinyTraining(2);
  ck.model = std::make_shared<ds::UNetDenoiser>(config, 1);
  ds::saveUNetForSampling(ck, path);
}

void writeClassifier(const std::string& path, const ds::ClassifierConfig& config) {
  ds::ClassifierCheckpoint ck;
  ck.architecture = config;
  ck.schedule.steps = config.steps;
  ck.schedule.kind = ds::ScheduleKind::Cosine;
  ck.training = tinyTraining(3);
  ck.net = ds::Classifier(config);
  ds::initClassifier(ck.net, 1);
  ds::saveClassifierForSampling(ck, path);
}

// The "meta" entry of a checkpoint file.
std::string metaOf(const std::string& path) {
  torch::serialize::InputArchive archive;
  archive.load_from(path);
  c10::IValue meta;
  if (!archive.try_read("meta", meta) || !meta.isString()) throw std::runtime_error(path + ": no meta entry");
  return meta.toStringRef();
}

// One seed: the flags byte of fuzz_imagecheckpoint.cpp, then the metadata text.
void writeSeed(const std::string& path, unsigned char flags, const std::string& meta) {
  std::ofstream out(path, std::ios::binary);
  out.put(static_cast<char>(flags));
  out << meta;
  if (!out.flush()) throw std::runtime_error(path + ": cannot write");
}

enum Flags : unsigned char {
  kClassifier = 1,
  kTrain = 2,
  kMismatch = 4,
  kVersion0 = 8,
  kVersion2 = 16,
  kNoWeights = 32
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s DIR\n", argv[0]);
    return 2;
  }
  const std::string dir = argv[1];
  try {
    const std::string scratch = dir + "/.seed-checkpoint";
    ds::UNetConfig u;
    u.imageSize = 4;
    u.baseChannels = 4;
    u.channelMults = {1};
    u.groups = 2;
    u.midAttention = false;
    u.numClasses = 0;
    u.steps = 2;
    writeUNet(scratch, u);
    const std::string unetTiny = metaOf(scratch);
    writeSeed(dir + "/unet-tiny", 0, unetTiny);
    writeSeed(dir + "/unet-tiny-train", kTrain, unetTiny);
    writeSeed(dir + "/unet-tiny-version-2", kVersion2, unetTiny);
    writeSeed(dir + "/unet-tiny-no-weights", kNoWeights, unetTiny);

    u.midAttention = true;
    u.numClasses = 2;
    u.conditionChannels = 2;  // the inpainting model's extra inputs
    u.channelMults = {1, 2};
    u.imageSize = 8;
    u.steps = 10;
    writeUNet(scratch, u);
    const std::string unetFull = metaOf(scratch);
    writeSeed(dir + "/unet-classes-attention-inpaint", 0, unetFull);
    writeSeed(dir + "/unet-weights-mismatch", kMismatch, unetFull);

    ds::ClassifierConfig c;
    c.imageSize = 4;
    c.baseChannels = 4;
    c.channelMults = {1};
    c.groups = 2;
    c.numClasses = 2;
    c.steps = 2;
    writeClassifier(scratch, c);
    writeSeed(dir + "/classifier-tiny", kClassifier, metaOf(scratch));

    c.timeConditioned = false;  // the clean-image judge
    c.imageSize = 8;
    c.channelMults = {1, 2};
    writeClassifier(scratch, c);
    const std::string judge = metaOf(scratch);
    writeSeed(dir + "/judge-tiny", kClassifier, judge);
    writeSeed(dir + "/judge-version-0", kClassifier | kVersion0, judge);
    writeSeed(dir + "/judge-no-weights", kClassifier | kNoWeights, judge);
    std::remove(scratch.c_str());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "fuzz_make_seeds: %s\n", e.what());
    return 1;
  }
  return 0;
}
