// Checkpoints: a round trip keeps predictions, metadata and trainer state; every kind of damage is
// rejected with a CheckpointError that names the problem.

#include "core/data/toys.h"
#include "core/models/checkpoint.h"
#include "core/runtime/rng.h"

#include <gtest/gtest.h>
#include <torch/torch.h>
#include <zlib.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace {

using nlohmann::json;

struct Fixture {
  std::shared_ptr<ds::MlpDenoiser> model;
  ds::CheckpointMeta meta;
  ds::TrainerState state;
};

Fixture trained() {
  ds::ScheduleSpec spec;
  spec.kind = ds::ScheduleKind::Cosine;
  spec.steps = 40;
  ds::MlpConfig arch;
  arch.hidden = 24;
  arch.layers = 2;
  arch.steps = 40;
  auto gen = ds::makeGenerator(0, torch::kCPU);
  ds::TrainConfig cfg;
  cfg.batchSize = 32;
  cfg.reportEvery = 2;
  ds::Trainer trainer(arch, ds::NoiseSchedule(spec), ds::makeToy("moons", 200, gen), cfg);
  trainer.run(6);
  Fixture f;
  f.model = trainer.model();
  f.meta.schedule = spec;
  f.meta.data.source = "toy";
  f.meta.data.name = "moons";
  f.meta.data.size = 200;
  f.meta.data.normalization.shift = {1.5, -2};
  f.meta.data.normalization.scale = 3;
  f.meta.training = ds::trainingInfo(trainer);
  f.state = trainer.state();
  return f;
}

const Fixture& fixture() {
  static const Fixture f = trained();
  return f;
}

std::string encode(const Fixture& f, bool withState = false) {
  return ds::encodeCheckpoint(*f.model, f.meta, withState ? &f.state : nullptr);
}

// Rebuilds a file from its parts with a valid header and CRC, to reach the later checks.
std::string assemble(const std::string& js, const std::string& weights, int version = 1) {
  std::string out = "DSCKPT";
  auto put = [&](std::uint64_t v, int bytes) {
    for (int i = 0; i < bytes; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
  };
  put(static_cast<std::uint64_t>(version), 2);
  put(js.size(), 4);
  put(weights.size(), 8);
  out += js + weights;
  put(crc32(0, reinterpret_cast<const Bytef*>(out.data()), static_cast<uInt>(out.size())), 4);
  return out;
}

struct Parts {
  json meta;
  std::string weights;
};
Parts split(const std::string& file) {
  std::uint32_t jl = 0;
  std::uint64_t wl = 0;
  for (int i = 0; i < 4; ++i) jl |= static_cast<std::uint32_t>(static_cast<unsigned char>(file[8 + i])) << (8 * i);
  for (int i = 0; i < 8; ++i) wl |= static_cast<std::uint64_t>(static_cast<unsigned char>(file[12 + i])) << (8 * i);
  return {json::parse(file.substr(20, jl)), file.substr(20 + jl, wl)};
}

std::string errorOf(const std::string& bytes) {
  try {
    ds::decodeCheckpoint(bytes, "model.ckpt");
  } catch (const ds::CheckpointError& e) {
    return e.what();
  } catch (const std::exception& e) {
    return std::string("WRONG EXCEPTION TYPE: ") + e.what();
  }
  return "(accepted)";
}

#define EXPECT_REJECTED(bytes, fragment)                     \
  do {                                                       \
    const std::string msg = errorOf(bytes);                  \
    EXPECT_NE(msg.find(fragment), std::string::npos) << msg; \
    EXPECT_EQ(msg.rfind("model.ckpt: ", 0), 0u) << msg;      \
  } while (0)

TEST(Checkpoint, RoundTripKeepsPredictionsAndMetadata) {
  const auto& f = fixture();
  const auto path = (std::filesystem::temp_directory_path() / "ds_test_model.ckpt").string();
  ds::saveCheckpoint(path, *f.model, f.meta, &f.state);
  auto ck = ds::loadCheckpoint(path);
  std::remove(path.c_str());
  auto x = torch::randn({64, 2});
  auto t = torch::randint(1, 41, {64}, torch::kLong);
  EXPECT_TRUE(torch::equal(ck.model->predictEps(x, t), f.model->predictEps(x, t)));
  EXPECT_EQ(ck.meta.architecture, f.model->config());
  EXPECT_EQ(ck.meta.schedule.kind, ds::ScheduleKind::Cosine);
  EXPECT_EQ(ck.meta.schedule.steps, 40);
  EXPECT_EQ(ck.meta.data.name, "moons");
  EXPECT_EQ(ck.meta.data.normalization.shift, (std::vector<double>{1.5, -2}));
  EXPECT_EQ(ck.meta.data.normalization.scale, 3);
  EXPECT_EQ(ck.meta.training.steps, 6);
  EXPECT_EQ(ck.meta.training.lossCurve.size(), 3u);
  EXPECT_DOUBLE_EQ(ck.meta.training.loss, f.meta.training.loss);
  ASSERT_TRUE(ck.state.has_value());
  EXPECT_EQ(ck.state->step, 6);
  EXPECT_TRUE(torch::equal(ck.state->adamV, f.state.adamV));
  EXPECT_TRUE(torch::equal(ck.state->weights, f.state.weights));
  EXPECT_FALSE(ds::decodeCheckpoint(encode(f)).state.has_value());
}

TEST(Checkpoint, RejectsDamagedFiles) {
  const auto& f = fixture();
  const std::string good = encode(f, true);
  EXPECT_NO_THROW(ds::decodeCheckpoint(good));

  EXPECT_REJECTED(std::string(), "truncated");
  EXPECT_REJECTED(good.substr(0, 10), "truncated");
  EXPECT_REJECTED("PK\x03\x04 this is a zip file, not a checkpoint at all", "bad magic");
  std::string magic = good;
  magic[0] = 'X';
  EXPECT_REJECTED(magic, "bad magic");
  std::string version = good;
  version[6] = 9;
  EXPECT_REJECTED(version, "format version 9 is not supported");
  EXPECT_REJECTED(good.substr(0, good.size() - 100), "truncated");
  EXPECT_REJECTED(good.substr(0, good.size() - 1), "truncated");
  EXPECT_REJECTED(good + "extra", "unexpected bytes");
  for (std::size_t at : {std::size_t{30}, good.size() / 2, good.size() - 10, good.size() - 2}) {
    std::string flipped = good;
    flipped[at] = static_cast<char>(flipped[at] ^ 0x5A);
    EXPECT_REJECTED(flipped, "checksum mismatch");
  }
}

TEST(Checkpoint, RejectsBadMetadata) {
  const auto& f = fixture();
  const auto parts = split(encode(f, true));
  EXPECT_NO_THROW(ds::decodeCheckpoint(assemble(parts.meta.dump(), parts.weights)));

  EXPECT_REJECTED(assemble("{\"format\": ", parts.weights), "not valid JSON");
  EXPECT_REJECTED(assemble("[1, 2]", parts.weights), "not a JSON object");
  for (const char* field : {"architecture", "schedule", "data", "training"}) {
    json j = parts.meta;
    j.erase(field);
    EXPECT_REJECTED(assemble(j.dump(), parts.weights), std::string("missing the field \"") + field + "\"");
  }
  json j = parts.meta;
  j["architecture"].erase("hidden");
  EXPECT_REJECTED(assemble(j.dump(), parts.weights), "missing the field \"architecture.hidden\"");
  j = parts.meta;
  j["architecture"]["hidden"] = "wide";
  EXPECT_REJECTED(assemble(j.dump(), parts.weights), "\"architecture.hidden\" must be an integer");
  j = parts.meta;
  j["architecture"]["layers"] = -1;
  EXPECT_REJECTED(assemble(j.dump(), parts.weights), "architecture.layers");
  j = parts.meta;
  j["architecture"]["type"] = "unet";
  EXPECT_REJECTED(assemble(j.dump(), parts.weights), "not supported");
  j = parts.meta;
  j["schedule"]["kind"] = "exotic";
  EXPECT_REJECTED(assemble(j.dump(), parts.weights), "schedule");
  j = parts.meta;
  j["schedule"]["steps"] = 41;
  EXPECT_REJECTED(assemble(j.dump(), parts.weights), "T = 41");
  j = parts.meta;
  j["data"]["scale"] = 0;
  EXPECT_REJECTED(assemble(j.dump(), parts.weights), "data.scale");
  j = parts.meta;
  j["training"]["weighting"] = "l1";
  EXPECT_REJECTED(assemble(j.dump(), parts.weights), "weighting");
}

TEST(Checkpoint, RejectsWeightsThatDoNotMatch) {
  const auto& f = fixture();
  const auto parts = split(encode(f, true));
  json j = parts.meta;
  j["architecture"]["hidden"] = 25;
  EXPECT_REJECTED(assemble(j.dump(), parts.weights), "do not match the architecture");
  j = parts.meta;
  j["architecture"]["layers"] = 3;
  EXPECT_REJECTED(assemble(j.dump(), parts.weights), "\"hidden.1.weight\" is missing");
  j = parts.meta;
  j["architecture"]["layers"] = 1;
  EXPECT_REJECTED(assemble(j.dump(), parts.weights), "unexpected parameter");
  j = parts.meta;
  j["architecture"]["dim"] = 1;
  j["data"]["dim"] = 1;  // else the metadata's own dim check (data.dim vs the model) fires first
  j["data"]["shift"] = json::array({0.0});
  EXPECT_REJECTED(assemble(j.dump(), parts.weights), "do not match the architecture");
  EXPECT_REJECTED(assemble(parts.meta.dump(), "this is not a torch archive"), "weights are unreadable");
  EXPECT_REJECTED(assemble(parts.meta.dump(), ""), "weights are unreadable");
  std::string damaged = parts.weights;
  damaged.resize(damaged.size() / 2);
  EXPECT_REJECTED(assemble(parts.meta.dump(), damaged), "weights are unreadable");

  // NaN weights are refused too.
  auto nanModel = f.model->clone();
  {
    torch::NoGradGuard g;
    nanModel->module()->output->bias[0] = std::nanf("");
  }
  EXPECT_REJECTED(ds::encodeCheckpoint(*nanModel, f.meta), "NaN");
}

TEST(Checkpoint, FileErrors) {
  EXPECT_THROW(ds::loadCheckpoint("/nonexistent/dir/model.ckpt"), ds::CheckpointError);
  const auto& f = fixture();
  EXPECT_THROW(ds::saveCheckpoint("/nonexistent/dir/model.ckpt", *f.model, f.meta), ds::CheckpointError);
}

}  // namespace
