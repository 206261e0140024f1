#include "core/models/checkpoint.h"

#include "core/runtime/atomicfile.h"
#include "core/runtime/fileread.h"

#include <ATen/ATen.h>
#include <torch/serialize.h>
#include <torch/torch.h>
#include <zlib.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

namespace ds {

namespace {

using nlohmann::json;

constexpr char kMagic[6] = {'D', 'S', 'C', 'K', 'P', 'T'};
constexpr std::size_t kHeaderSize = 20;
constexpr std::size_t kCrcSize = 4;
constexpr std::uint64_t kMaxJson = 64ull << 20;
// |data.shift| and data.scale beyond this would put samples outside float32 (about 3.4e38).
constexpr double kMaxNormalization = 1e30;

std::uint32_t crc32Of(const char* data, std::size_t n) {
  uLong crc = crc32(0L, Z_NULL, 0);
  while (n > 0) {
    const auto chunk = static_cast<uInt>(std::min<std::size_t>(n, 1u << 30));
    crc = crc32(crc, reinterpret_cast<const Bytef*>(data), chunk);
    data += chunk;
    n -= chunk;
  }
  return static_cast<std::uint32_t>(crc);
}

template <typename T>
void putLE(std::string& out, T v) {
  for (std::size_t i = 0; i < sizeof(T); ++i)
    out.push_back(static_cast<char>((static_cast<std::uint64_t>(v) >> (8 * i)) & 0xFF));
}

template <typename T>
T getLE(const std::string& in, std::size_t at) {
  std::uint64_t v = 0;
  for (std::size_t i = 0; i < sizeof(T); ++i)
    v |= static_cast<std::uint64_t>(static_cast<unsigned char>(in[at + i])) << (8 * i);
  return static_cast<T>(v);
}

// Archive keys cannot hold '.', so "hidden.0.weight" is stored as "hidden_0_weight".
std::string archiveKey(std::string name) {
  for (char& c : name)
    if (c == '.') c = '_';
  return name;
}

std::string shapeString(at::IntArrayRef s) {
  std::ostringstream os;
  os << s;
  return os.str();
}

// ---- metadata -------------------------------------------------------------------------------

json scheduleJson(const ScheduleSpec& s) {
  json j{{"kind", toString(s.kind)}, {"steps", s.steps}};
  if (s.betaStart) j["betaStart"] = *s.betaStart;
  if (s.betaEnd) j["betaEnd"] = *s.betaEnd;
  return j;
}

json metaJson(const CheckpointMeta& m) {
  const auto& a = m.architecture;
  json curve = json::array();
  for (const auto& [step, loss] : m.training.lossCurve) {
    curve.push_back(json::array({step, std::isfinite(loss) ? json(loss) : json(nullptr)}));
  }
  json j{
      {"format", "diffusion-studio-checkpoint"},
      {"formatVersion", kCheckpointVersion},
      {"architecture",
       {{"type", "mlp"},
        {"dim", a.dim},
        {"hidden", a.hidden},
        {"layers", a.layers},
        {"classes", a.numClasses},
        {"timeEmbedDim", a.timeEmbedDim},
        {"classEmbedDim", a.classEmbedDim},
        {"steps", a.steps},
        {"activation", "silu"},
        {"prediction", "eps"}}},
      {"schedule", scheduleJson(m.schedule)},
      {"data",
       {{"source", m.data.source},
        {"name", m.data.name},
        {"size", m.data.size},
        {"dim", m.data.dim},
        {"shift", m.data.normalization.shift},
        {"scale", m.data.normalization.scale}}},
      {"training",
       {{"steps", m.training.steps},
        {"loss", std::isfinite(m.training.loss) ? json(m.training.loss) : json(nullptr)},
        {"batchSize", m.training.batchSize},
        {"learningRate", m.training.learningRate},
        {"emaDecay", m.training.emaDecay},
        {"gradClip", m.training.gradClip},
        {"seed", m.training.seed},
        {"weighting", toString(m.training.weighting)},
        {"lossCurve", curve}}},
  };
  if (!m.data.contentHash.empty()) j["data"]["contentHash"] = m.data.contentHash;
  return j;
}

// Field access that names the missing or mistyped field in the error.
class Reader {
 public:
  explicit Reader(std::string source) : m_source(std::move(source)) {}

  [[noreturn]] void fail(const std::string& what) const { throw CheckpointError(m_source + ": " + what); }

  const json& field(const json& parent, const std::string& path, const std::string& key) const {
    const std::string full = path.empty() ? key : path + "." + key;
    if (!parent.is_object() || !parent.contains(key)) fail("metadata is missing the field \"" + full + "\"");
    return parent.at(key);
  }
  std::int64_t integer(const json& parent, const std::string& path, const std::string& key, std::int64_t lo,
                       std::int64_t hi) const {
    const auto& v = field(parent, path, key);
    const std::string full = path + "." + key;
    if (!v.is_number_integer()) fail("metadata field \"" + full + "\" must be an integer");
    const auto x = v.get<std::int64_t>();
    if (x < lo || x > hi) {
      fail("metadata field \"" + full + "\" = " + std::to_string(x) + " is outside " + std::to_string(lo) + ".." +
           std::to_string(hi));
    }
    return x;
  }
  double number(const json& parent, const std::string& path, const std::string& key, bool allowNull = false) const {
    const auto& v = field(parent, path, key);
    if (allowNull && v.is_null()) return std::numeric_limits<double>::quiet_NaN();
    if (!v.is_number()) fail("metadata field \"" + path + "." + key + "\" must be a number");
    return v.get<double>();
  }
  std::string string(const json& parent, const std::string& path, const std::string& key) const {
    const auto& v = field(parent, path, key);
    if (!v.is_string()) fail("metadata field \"" + path + "." + key + "\" must be a string");
    return v.get<std::string>();
  }

 private:
  std::string m_source;
};

CheckpointMeta parseMeta(const json& j, const Reader& r) {
  if (!j.is_object()) r.fail("metadata is not a JSON object");
  if (r.string(j, "", "format") != "diffusion-studio-checkpoint")
    r.fail("metadata \"format\" is not a Diffusion Studio checkpoint");
  CheckpointMeta m;
  const auto& a = r.field(j, "", "architecture");
  if (r.string(a, "architecture", "type") != "mlp") {
    r.fail("architecture \"" + a.at("type").get<std::string>() + "\" is not supported (expected mlp)");
  }
  m.architecture.dim = static_cast<int>(r.integer(a, "architecture", "dim", 1, 64));
  m.architecture.hidden = static_cast<int>(r.integer(a, "architecture", "hidden", 1, 8192));
  m.architecture.layers = static_cast<int>(r.integer(a, "architecture", "layers", 1, 64));
  m.architecture.numClasses = static_cast<int>(r.integer(a, "architecture", "classes", 0, 100000));
  m.architecture.timeEmbedDim = static_cast<int>(r.integer(a, "architecture", "timeEmbedDim", 2, 4096));
  m.architecture.classEmbedDim = static_cast<int>(r.integer(a, "architecture", "classEmbedDim", 0, 4096));
  m.architecture.steps = static_cast<int>(r.integer(a, "architecture", "steps", 1, 1000000));
  try {
    m.architecture.validate();
  } catch (const std::invalid_argument& e) {
    r.fail(std::string("architecture is invalid: ") + e.what());
  }

  const auto& s = r.field(j, "", "schedule");
  try {
    m.schedule.kind = parseScheduleKind(r.string(s, "schedule", "kind"));
  } catch (const std::invalid_argument& e) {
    r.fail(std::string("schedule: ") + e.what());
  }
  m.schedule.steps = static_cast<int>(r.integer(s, "schedule", "steps", 2, 1000000));
  if (s.contains("betaStart")) m.schedule.betaStart = r.number(s, "schedule", "betaStart");
  if (s.contains("betaEnd")) m.schedule.betaEnd = r.number(s, "schedule", "betaEnd");
  try {
    NoiseSchedule check(m.schedule);
  } catch (const std::exception& e) {
    r.fail(std::string("schedule is invalid: ") + e.what());
  }
  if (m.schedule.steps != m.architecture.steps) {
    r.fail("the schedule has T = " + std::to_string(m.schedule.steps) +
           " but the model was built for T = " + std::to_string(m.architecture.steps));
  }

  const auto& d = r.field(j, "", "data");
  m.data.source = r.string(d, "data", "source");
  m.data.name = r.string(d, "data", "name");
  m.data.size = r.integer(d, "data", "size", 0, std::numeric_limits<std::int64_t>::max());
  m.data.dim = static_cast<int>(r.integer(d, "data", "dim", 0, 64));
  const auto& shift = r.field(d, "data", "shift");
  if (!shift.is_array()) r.fail("metadata field \"data.shift\" must be an array");
  for (const auto& v : shift) {
    if (!v.is_number()) r.fail("metadata field \"data.shift\" must hold numbers");
    m.data.normalization.shift.push_back(v.get<double>());
  }
  if (!m.data.normalization.shift.empty() &&
      static_cast<int>(m.data.normalization.shift.size()) != m.architecture.dim) {
    r.fail("metadata field \"data.shift\" has " + std::to_string(m.data.normalization.shift.size()) +
           " entries but the model is " + std::to_string(m.architecture.dim) + "-D");
  }
  if (m.data.dim != 0 && m.data.dim != m.architecture.dim) {
    r.fail("metadata field \"data.dim\" is " + std::to_string(m.data.dim) + " but the model is " +
           std::to_string(m.architecture.dim) + "-D");
  }
  for (double v : m.data.normalization.shift) {
    if (!(std::fabs(v) <= kMaxNormalization)) {
      r.fail("metadata field \"data.shift\" must hold numbers in -1e30..1e30 (samples would overflow float32)");
    }
  }
  if (d.contains("contentHash")) m.data.contentHash = r.string(d, "data", "contentHash");
  m.data.normalization.scale = r.number(d, "data", "scale");
  if (!(m.data.normalization.scale > 0) || !(m.data.normalization.scale <= kMaxNormalization)) {
    r.fail("metadata field \"data.scale\" must be a positive number up to 1e30 (samples would overflow float32)");
  }

  const auto& t = r.field(j, "", "training");
  m.training.steps = r.integer(t, "training", "steps", 0, std::numeric_limits<std::int64_t>::max());
  m.training.loss = r.number(t, "training", "loss", /*allowNull=*/true);
  m.training.batchSize = r.integer(t, "training", "batchSize", 0, std::numeric_limits<std::int64_t>::max());
  m.training.learningRate = r.number(t, "training", "learningRate");
  m.training.emaDecay = r.number(t, "training", "emaDecay");
  m.training.gradClip = r.number(t, "training", "gradClip");
  const auto& seed = r.field(t, "training", "seed");
  if (!seed.is_number_unsigned() && !(seed.is_number_integer() && seed.get<std::int64_t>() >= 0)) {
    r.fail("metadata field \"training.seed\" must be a non-negative integer");
  }
  m.training.seed = seed.get<std::uint64_t>();
  try {
    m.training.weighting = parseLossWeighting(r.string(t, "training", "weighting"));
  } catch (const std::invalid_argument& e) {
    r.fail(std::string("training: ") + e.what());
  }
  if (t.contains("lossCurve")) {
    const auto& curve = t.at("lossCurve");
    if (!curve.is_array()) r.fail("metadata field \"training.lossCurve\" must be an array");
    for (const auto& e : curve) {
      if (!e.is_array() || e.size() != 2 || !e[0].is_number_integer() || !(e[1].is_number() || e[1].is_null())) {
        r.fail("metadata field \"training.lossCurve\" must hold [step, loss] pairs");
      }
      m.training.lossCurve.emplace_back(e[0].get<std::int64_t>(),
                                        e[1].is_null() ? std::numeric_limits<double>::quiet_NaN() : e[1].get<double>());
    }
  }
  return m;
}

// ---- weights --------------------------------------------------------------------------------

std::string encodeWeights(const MlpDenoiser& model, const TrainerState* state) {
  torch::serialize::OutputArchive archive;
  torch::serialize::OutputArchive weights;
  for (const auto& item : model.module()->named_parameters()) {
    weights.write(archiveKey(item.key()), item.value().detach().to(at::kCPU).contiguous());
  }
  archive.write("model", weights);
  if (state) {
    torch::serialize::OutputArchive train;
    train.write("step", at::scalar_tensor(static_cast<std::int64_t>(state->step), at::kLong));
    train.write("weights", state->weights.to(at::kCPU, at::kFloat).contiguous());
    train.write("ema", state->ema.to(at::kCPU, at::kFloat).contiguous());
    train.write("adam_m", state->adamM.to(at::kCPU, at::kFloat).contiguous());
    train.write("adam_v", state->adamV.to(at::kCPU, at::kFloat).contiguous());
    archive.write("train", train);
  }
  std::ostringstream os(std::ios::binary);
  archive.save_to(os);
  return os.str();
}

at::Tensor readTensor(torch::serialize::InputArchive& archive, const std::string& key, const std::string& what,
                      const Reader& r) {
  at::Tensor t;
  bool found = false;
  try {
    found = archive.try_read(key, t);
  } catch (const std::exception& e) {
    r.fail("weights: cannot read " + what + ": " + e.what());
  }
  if (!found || !t.defined()) r.fail("weights: " + what + " is missing");
  return t;
}

void checkFinite(const at::Tensor& t, const std::string& what, const Reader& r) {
  if (t.is_floating_point() && !at::isfinite(t).all().item<bool>()) r.fail("weights: " + what + " contains NaN or Inf");
}

}  // namespace

TrainingInfo trainingInfo(const Trainer& trainer) {
  TrainingInfo info;
  const auto& c = trainer.config();
  info.steps = trainer.step();
  info.batchSize = c.batchSize;
  info.learningRate = c.learningRate;
  info.emaDecay = c.emaDecay;
  info.gradClip = c.gradClip;
  info.seed = c.seed;
  info.weighting = c.weighting;
  const auto& h = trainer.lossHistory();
  if (!h.empty()) info.loss = h.back().second;
  const std::size_t stride = h.size() / 1000 + 1;
  for (std::size_t i = 0; i < h.size(); i += stride) info.lossCurve.push_back(h[i]);
  if (!h.empty() && info.lossCurve.back() != h.back()) info.lossCurve.push_back(h.back());
  return info;
}

std::string encodeCheckpoint(const MlpDenoiser& model, const CheckpointMeta& metaIn, const TrainerState* state) {
  CheckpointMeta meta = metaIn;
  meta.architecture = model.config();
  if (meta.data.dim == 0) meta.data.dim = meta.architecture.dim;
  const std::string js = metaJson(meta).dump(1);
  const std::string weights = encodeWeights(model, state);
  std::string out;
  out.reserve(kHeaderSize + js.size() + weights.size() + kCrcSize);
  out.append(kMagic, sizeof kMagic);
  putLE<std::uint16_t>(out, static_cast<std::uint16_t>(kCheckpointVersion));
  putLE<std::uint32_t>(out, static_cast<std::uint32_t>(js.size()));
  putLE<std::uint64_t>(out, weights.size());
  out += js;
  out += weights;
  putLE<std::uint32_t>(out, crc32Of(out.data(), out.size()));
  return out;
}

void saveCheckpoint(const std::string& path, const MlpDenoiser& model, const CheckpointMeta& meta,
                    const TrainerState* state) {
  const std::string bytes = encodeCheckpoint(model, meta, state);
  try {
    writeFileAtomically(path, bytes);
  } catch (const AtomicWriteError& e) {
    throw CheckpointError(e.what());
  }
}

namespace {

struct Frame {
  std::uint32_t jsonLen = 0;
  std::uint64_t weightsLen = 0;
};

// The header, the declared sizes and the CRC (see the layout in checkpoint.h).
Frame checkFrame(const std::string& bytes, const Reader& r) {
  if (bytes.size() < kHeaderSize + kCrcSize) {
    if (bytes.size() >= sizeof kMagic && std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0) {
      r.fail("not a Diffusion Studio checkpoint (bad magic)");
    }
    r.fail("truncated: " + std::to_string(bytes.size()) + " bytes, shorter than the " +
           std::to_string(kHeaderSize + kCrcSize) + "-byte header and checksum");
  }
  if (std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0) r.fail("not a Diffusion Studio checkpoint (bad magic)");
  const auto version = getLE<std::uint16_t>(bytes, 6);
  if (version != kCheckpointVersion) {
    r.fail("format version " + std::to_string(version) + " is not supported (this build reads version " +
           std::to_string(kCheckpointVersion) + ")");
  }
  Frame f;
  f.jsonLen = getLE<std::uint32_t>(bytes, 8);
  f.weightsLen = getLE<std::uint64_t>(bytes, 12);
  const std::uint64_t available = bytes.size() - kHeaderSize - kCrcSize;
  if (f.jsonLen > kMaxJson || f.weightsLen > available || f.jsonLen > available - f.weightsLen) {
    r.fail("truncated: the header declares " + std::to_string(f.jsonLen) + " bytes of metadata and " +
           std::to_string(f.weightsLen) + " of weights, but the file holds " + std::to_string(bytes.size()) + " bytes");
  }
  if (f.jsonLen + f.weightsLen != available) {
    r.fail("size mismatch: " + std::to_string(available - f.jsonLen - f.weightsLen) +
           " unexpected bytes after the weights");
  }
  const std::size_t crcAt = bytes.size() - kCrcSize;
  const auto stored = getLE<std::uint32_t>(bytes, crcAt);
  const auto computed = crc32Of(bytes.data(), crcAt);
  if (stored != computed) {
    std::ostringstream os;
    os << "checksum mismatch (CRC-32 stored 0x" << std::hex << stored << ", computed 0x" << computed
       << "): the file is corrupt";
    r.fail(os.str());
  }
  return f;
}

CheckpointMeta readMetadata(const std::string& bytes, const Frame& f, const Reader& r) {
  json j;
  try {
    j = json::parse(bytes.begin() + kHeaderSize, bytes.begin() + static_cast<std::ptrdiff_t>(kHeaderSize + f.jsonLen));
  } catch (const json::exception& e) {
    r.fail(std::string("metadata is not valid JSON: ") + e.what());
  }
  try {
    return parseMeta(j, r);
  } catch (const json::exception& e) {
    r.fail(std::string("metadata has a wrong type: ") + e.what());
  }
}

// The torch::serialize archive of the weights, and one of its sub-archives ("model", "train").
void openArchive(const std::string& bytes, const Frame& f, torch::serialize::InputArchive& archive, const Reader& r) {
  try {
    std::istringstream is(bytes.substr(kHeaderSize + f.jsonLen, f.weightsLen), std::ios::binary);
    archive.load_from(is, at::kCPU);
  } catch (const std::exception& e) {  // c10::Error derives from std::exception
    std::string what = e.what();
    what = what.substr(0, what.find('\n'));
    r.fail("weights are unreadable: " + what);
  }
}

bool tryRead(torch::serialize::InputArchive& archive, const char* key, torch::serialize::InputArchive& out) {
  try {
    return archive.try_read(key, out);
  } catch (const std::exception&) {
    return false;  // a malformed entry counts as absent; the caller says what is missing
  }
}

// A network of the metadata's architecture with every parameter read, shape- and finiteness-checked;
// a parameter the architecture does not have is an error too.
std::shared_ptr<MlpDenoiser> readModel(torch::serialize::InputArchive& weights, const MlpConfig& arch,
                                       const Reader& r) {
  std::shared_ptr<MlpDenoiser> model;
  try {
    model = std::make_shared<MlpDenoiser>(arch, 0);
  } catch (const std::exception& e) {
    r.fail(std::string("architecture: ") + e.what());
  }
  auto named = model->module()->named_parameters();
  std::vector<std::string> expected;
  {
    torch::NoGradGuard noGrad;
    for (auto& item : named) {
      const std::string key = archiveKey(item.key());
      expected.push_back(key);
      auto t = readTensor(weights, key, "parameter \"" + item.key() + "\"", r);
      if (t.sizes() != item.value().sizes()) {
        r.fail("weights do not match the architecture: parameter \"" + item.key() + "\" has shape " +
               shapeString(t.sizes()) + ", the metadata implies " + shapeString(item.value().sizes()));
      }
      if (t.scalar_type() != at::kFloat) r.fail("weights: parameter \"" + item.key() + "\" is not float32");
      checkFinite(t, "parameter \"" + item.key() + "\"", r);
      item.value().copy_(t);
    }
  }
  for (const auto& key : weights.keys()) {
    if (std::find(expected.begin(), expected.end(), key) == expected.end()) {
      r.fail("weights do not match the architecture: unexpected parameter \"" + key + "\"");
    }
  }
  return model;
}

// The trainer state (step, raw weights, EMA, Adam moments), each a flat [P] float32 vector.
TrainerState readTrainerState(torch::serialize::InputArchive& train, std::int64_t P, const Reader& r) {
  TrainerState st;
  auto step = readTensor(train, "step", "training step", r);
  if (step.numel() != 1 || step.scalar_type() != at::kLong || step.item<std::int64_t>() < 0) {
    r.fail("weights: the training step is not a non-negative integer");
  }
  st.step = step.item<std::int64_t>();
  auto vec = [&](const char* key, const char* what) {
    auto t = readTensor(train, key, what, r);
    if (t.dim() != 1 || t.size(0) != P || t.scalar_type() != at::kFloat) {
      r.fail(std::string("weights: ") + what + " has shape " + shapeString(t.sizes()) + ", expected [" +
             std::to_string(P) + "] float32");
    }
    checkFinite(t, what, r);
    return t;
  };
  st.weights = vec("weights", "training weights");
  st.ema = vec("ema", "EMA weights");
  st.adamM = vec("adam_m", "Adam first moment");
  st.adamV = vec("adam_v", "Adam second moment");
  return st;
}

}  // namespace

Checkpoint decodeCheckpoint(const std::string& bytes, const std::string& source, const c10::Device& device) {
  const Reader r(source);
  const Frame frame = checkFrame(bytes, r);
  Checkpoint ck;
  ck.meta = readMetadata(bytes, frame, r);
  torch::serialize::InputArchive archive;
  openArchive(bytes, frame, archive, r);
  torch::serialize::InputArchive weights;
  if (!tryRead(archive, "model", weights)) r.fail("weights: the model weights are missing");
  // The payload must hold every declared parameter as float32 (five times with the trainer state),
  // so a small file cannot make us build a huge network before its weights are checked.
  const std::int64_t declared = ck.meta.architecture.parameterCount();
  if (static_cast<double>(declared) * 4.0 > static_cast<double>(frame.weightsLen)) {
    r.fail("the metadata declares a network of " + std::to_string(declared) + " parameters (" +
           formatBytes(static_cast<double>(declared) * 4.0) + " of float32) but the file holds only " +
           formatBytes(static_cast<double>(frame.weightsLen)) + " of weights");
  }
  std::shared_ptr<MlpDenoiser> model = readModel(weights, ck.meta.architecture, r);
  torch::serialize::InputArchive train;
  if (tryRead(archive, "train", train)) ck.state = readTrainerState(train, model->parameterCount(), r);
  try {
    if (!device.is_cpu()) model->to(device);
  } catch (const std::exception& e) {
    r.fail(std::string("cannot move the model to the device: ") + e.what());
  }
  model->module()->eval();
  ck.model = std::move(model);
  return ck;
}

Checkpoint loadCheckpoint(const std::string& path, const c10::Device& device) {
  std::string bytes;
  try {
    bytes = readFileLimited(path, kMaxCheckpointBytes, "an MLP checkpoint");
  } catch (const FileReadError& e) {
    throw CheckpointError(e.what());
  }
  return decodeCheckpoint(bytes, path, device);
}

}  // namespace ds
