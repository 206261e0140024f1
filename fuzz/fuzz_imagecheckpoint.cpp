// libFuzzer target: the image-model checkpoint readers (`sample-images --model FILE`, `inpaint
// --model/--inpainter`, `--classifier`, `export-model --in`, the bundled models),
// ds::loadUNetCheckpoint and ds::loadClassifierCheckpoint, on a file in /dev/shm.
//
// The fuzzer writes what a hostile file says, not the archive's bytes. Such a file is a LibTorch
// archive (a zip of pickles and TorchScript source), and LibTorch 1.13's importer crashes on
// small changes to that source (docs/fuzzing.md, "Findings"): fuzzing raw bytes would only find
// that upstream crash again and again. So each input is
//   byte 0:  bit 0 classifier (else U-Net), bit 1 add a "train" entry, bit 2 weights of another
//            architecture than the metadata declares, bits 3-4 the "version" entry (1, 0, 2 or a
//            string), bit 5 no weights entry
//   rest:    the "meta" entry's text (JSON: architecture, schedule, training)
// and the target writes the archive with LibTorch's own writer, the weights being those of a
// network built with core's constructors for the declared architecture (when it is small) —
// everything the project's readers check comes from the fuzzer.

#include "fuzz/fuzz_common.h"
#include "fuzz/fuzz_json.h"

#include "core/models/classifier.h"
#include "core/models/imagecheckpoint.h"
#include "core/models/unet.h"
#include "core/training/classifiertrainer.h"

#include <torch/serialize.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <string>

namespace {

using nlohmann::json;

// Networks the target itself builds stay tiny; a larger declared architecture gets the weights of
// the default one (a mismatch the reader must report).
bool small(int imageSize, int baseChannels, const std::vector<int>& mults, int resBlocks) {
  const int widest = mults.empty() ? 0 : *std::max_element(mults.begin(), mults.end());
  return imageSize <= 16 && baseChannels * widest <= 32 && mults.size() <= 3 && resBlocks <= 2;
}

ds::UNetConfig unetFor(const json& meta, bool mismatch) {
  ds::UNetConfig tiny;
  tiny.imageSize = 4;
  tiny.baseChannels = 4;
  tiny.channelMults = {1};
  tiny.groups = 2;
  tiny.midAttention = false;
  tiny.numClasses = 0;
  tiny.steps = 2;
  if (mismatch) return tiny;
  try {
    const ds::UNetConfig c = ds::unetConfigFromJson(meta.at("architecture"));
    if (small(c.imageSize, c.baseChannels, c.channelMults, c.resBlocks) && c.numClasses <= 16) return c;
  } catch (const std::exception&) {}
  return tiny;
}

ds::ClassifierConfig classifierFor(const json& meta, bool mismatch) {
  ds::ClassifierConfig tiny;
  tiny.imageSize = 4;
  tiny.baseChannels = 4;
  tiny.channelMults = {1};
  tiny.groups = 2;
  tiny.numClasses = 2;
  tiny.steps = 2;
  if (mismatch) return tiny;
  try {
    const json& a = meta.at("architecture");
    ds::ClassifierConfig c;
    c.imageChannels = dsfuzz::intField(a, "image_channels");
    c.imageSize = dsfuzz::intField(a, "image_size");
    c.baseChannels = dsfuzz::intField(a, "base_channels");
    c.channelMults.clear();
    for (const auto& m : a.at("channel_mults")) c.channelMults.push_back(dsfuzz::intField(json{{"m", m}}, "m"));
    c.resBlocks = dsfuzz::intField(a, "res_blocks");
    c.groups = dsfuzz::intField(a, "groups");
    c.numClasses = dsfuzz::intField(a, "num_classes");
    c.steps = dsfuzz::intField(a, "steps");
    c.timeConditioned = a.at("time_conditioned").get<bool>();
    c.validate();
    if (small(c.imageSize, c.baseChannels, c.channelMults, c.resBlocks) && c.numClasses <= 16) return c;
  } catch (const std::exception&) {}
  return tiny;
}

void writeArchive(const std::string& path, unsigned flags, const std::string& metaText) {
  const bool classifier = flags & 1u, train = flags & 2u, mismatch = flags & 4u, noWeights = flags & 32u;
  const json meta = json::parse(metaText, nullptr, /*allow_exceptions=*/false);
  torch::serialize::OutputArchive archive, weights;
  archive.write("format",
                c10::IValue(std::string(classifier ? "diffusion-studio/classifier" : "diffusion-studio/unet")));
  switch ((flags >> 3) & 3u) {
    case 0:
      archive.write("version", c10::IValue(std::int64_t(ds::kUNetCheckpointVersion)));
      break;
    case 1:
      archive.write("version", c10::IValue(std::int64_t(0)));
      break;
    case 2:
      archive.write("version", c10::IValue(std::int64_t(ds::kUNetCheckpointVersion + 1)));
      break;
    default:
      archive.write("version", c10::IValue(std::string("1")));
      break;
  }
  archive.write("meta", c10::IValue(metaText));
  if (classifier) {
    ds::Classifier net(classifierFor(meta, mismatch));
    net->save(weights);
    if (!noWeights) archive.write("net", weights);
  } else {
    ds::UNet net(unetFor(meta, mismatch));
    net->save(weights);
    if (!noWeights) archive.write("ema", weights);
  }
  if (train) {
    torch::serialize::OutputArchive state;
    state.write("step", at::scalar_tensor(std::int64_t(1), at::kLong));
    archive.write("train", state);
  }
  archive.save_to(path);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  dsfuzz::singleThreaded();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const dsfuzz::ScratchFile file("imagecheckpoint");
  if (size < 1) return 0;
  const unsigned flags = data[0];
  writeArchive(file.path(), flags, std::string(reinterpret_cast<const char*>(data + 1), size - 1));
  if (flags & 1u) {
    dsfuzz::expectCleanError([&] {
      const ds::ClassifierCheckpoint ck = ds::loadClassifierCheckpoint(file.path());
      if (!ck.net) std::abort();
    });
  } else {
    dsfuzz::expectCleanError([&] {
      const ds::UNetCheckpoint ck = ds::loadUNetCheckpoint(file.path());
      if (!ck.model || ck.model->module()->config() != ck.meta.architecture) std::abort();
    });
  }
  return 0;
}
