// libFuzzer target: the MLP checkpoint decoder (`sample --model FILE`, `train --resume FILE`, the
// Train lesson's Open), ds::decodeCheckpoint — loadCheckpoint reads the file into a string and calls it.
//
// The fuzzer writes the frame and the metadata; the weights are a LibTorch archive written by the
// project's own encoder. Fuzzing the archive's raw bytes only exercises LibTorch 1.13's importer,
// which allocates what a pickle's length field says and crashes on small changes to the archive's
// TorchScript source (docs/fuzzing.md, "Findings"). Each input is
//   byte 0:  bit 0 with the trainer state, bit 1 weights of another architecture than the metadata
//            declares, bit 2 a trainer state of the wrong size, bit 3 format version 2, bit 4 a
//            declared metadata length one too long, bit 5 a wrong CRC-32, bit 6 the file cut short
//   rest:    the metadata (JSON) exactly as it goes into the file
// and the file is: "DSCKPT", version, lengths, the metadata, the weights of a network built with
// core's constructor for the declared architecture (when it is small), CRC-32 — the layout of
// core/models/checkpoint.h.

#include "fuzz/fuzz_common.h"
#include "fuzz/fuzz_json.h"

#include "core/models/checkpoint.h"

#include <ATen/ATen.h>
#include <zlib.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <map>
#include <string>
#include <tuple>

namespace {

using nlohmann::json;

constexpr std::size_t kHeader = 20;

void putLE(std::string& out, std::uint64_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}
std::uint64_t getLE(const std::string& in, std::size_t at, int bytes) {
  std::uint64_t v = 0;
  for (int i = 0; i < bytes; ++i) v |= std::uint64_t(static_cast<unsigned char>(in[at + i])) << (8 * i);
  return v;
}

// The architecture the metadata declares when it is valid and small enough for the target to
// build; else (or when asked for a mismatch) a tiny 2-D network.
ds::MlpConfig architectureFor(const json& meta, bool mismatch) {
  ds::MlpConfig tiny;
  tiny.hidden = 4;
  tiny.layers = 1;
  tiny.timeEmbedDim = 4;
  tiny.steps = 10;
  if (mismatch) return tiny;
  try {
    const json& a = meta.at("architecture");
    ds::MlpConfig c;
    c.dim = dsfuzz::intField(a, "dim");
    c.hidden = dsfuzz::intField(a, "hidden");
    c.layers = dsfuzz::intField(a, "layers");
    c.numClasses = dsfuzz::intField(a, "classes");
    c.timeEmbedDim = dsfuzz::intField(a, "timeEmbedDim");
    c.classEmbedDim = dsfuzz::intField(a, "classEmbedDim");
    c.steps = dsfuzz::intField(a, "steps");
    c.validate();
    if (c.parameterCount() <= 20000) return c;
  } catch (const std::exception&) {}
  return tiny;
}

// The weights part of a checkpoint of a freshly built network: the project's encoder, cached per
// architecture and state option (the bytes depend on nothing else).
const std::string& weightsFor(const ds::MlpConfig& c, bool withState, bool wrongStateSize) {
  using Key = std::tuple<int, int, int, int, int, int, int, bool, bool>;
  static std::map<Key, std::string> cache;
  const Key key{c.dim,           c.hidden, c.layers,  c.numClasses,  c.timeEmbedDim,
                c.classEmbedDim, c.steps,  withState, wrongStateSize};
  auto found = cache.find(key);
  if (found != cache.end()) return found->second;
  if (cache.size() > 256) cache.clear();
  const ds::MlpDenoiser model(c, 1);
  ds::CheckpointMeta meta;
  meta.schedule.steps = c.steps;
  meta.data.source = "fuzz";
  ds::TrainerState state;
  const std::int64_t p = model.parameterCount() + (wrongStateSize ? 1 : 0);
  state.step = 3;
  state.weights = at::zeros({p});
  state.ema = at::zeros({p});
  state.adamM = at::zeros({p});
  state.adamV = at::ones({p});
  const std::string file = ds::encodeCheckpoint(model, meta, withState ? &state : nullptr);
  const std::size_t jsonLen = getLE(file, 8, 4), weightsLen = getLE(file, 12, 8);
  return cache[key] = file.substr(kHeader + jsonLen, weightsLen);
}

std::string checkpointFile(unsigned flags, const std::string& metaText) {
  const json meta = json::parse(metaText, nullptr, /*allow_exceptions=*/false);
  const std::string& weights = weightsFor(architectureFor(meta, flags & 2u), flags & 1u, flags & 4u);
  std::string out = "DSCKPT";
  putLE(out, (flags & 8u) ? 2 : 1, 2);
  putLE(out, metaText.size() + ((flags & 16u) ? 1 : 0), 4);
  putLE(out, weights.size(), 8);
  out += metaText;
  out += weights;
  uLong crc = crc32(crc32(0L, Z_NULL, 0), reinterpret_cast<const Bytef*>(out.data()), uInt(out.size()));
  if (flags & 32u) crc ^= 1u;
  putLE(out, crc, 4);
  if (flags & 64u) out.resize(out.size() - std::min<std::size_t>(out.size(), 10));
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  dsfuzz::singleThreaded();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const std::string metaText(reinterpret_cast<const char*>(data + 1), size - 1);
  const std::string bytes = checkpointFile(data[0], metaText);
  dsfuzz::expectCleanError([&] {
    const ds::Checkpoint ck = ds::decodeCheckpoint(bytes, "fuzz.ckpt");
    // A checkpoint that loads is one the samplers can use.
    if (!ck.model || ck.model->config() != ck.meta.architecture || !(ck.meta.data.normalization.scale > 0))
      std::abort();
    if (ck.state && ck.state->weights.numel() != ck.model->parameterCount()) std::abort();
  });
  return 0;
}
