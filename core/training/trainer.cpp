#include "core/training/trainer.h"

#include "core/runtime/rng.h"
#include "core/training/distributed.h"

#include <ATen/ATen.h>
#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <optional>
#include <sstream>
#include <stdexcept>

namespace ds {

LossWeighting parseLossWeighting(const std::string& name) {
  if (name == "simple") return LossWeighting::Simple;
  if (name == "vlb") return LossWeighting::Vlb;
  throw std::invalid_argument("unknown loss weighting \"" + name + "\" (expected simple or vlb)");
}

std::string toString(LossWeighting weighting) { return weighting == LossWeighting::Vlb ? "vlb" : "simple"; }

std::vector<double> lossWeights(const NoiseSchedule& schedule, LossWeighting weighting) {
  const int T = schedule.steps();
  std::vector<double> w(static_cast<std::size_t>(T), 1.0);
  if (weighting == LossWeighting::Simple) return w;
  double sum = 0;
  for (int t = 1; t <= T; ++t) {
    const double beta = schedule.beta(t);
    const double sigma2 = std::exp(schedule.posteriorLogVarianceClipped(t));  // β̃_t, β̃_1 := β̃_2
    const double v = beta * beta / (2.0 * sigma2 * schedule.alpha(t) * (1.0 - schedule.alphaBar(t)));
    w[static_cast<std::size_t>(t - 1)] = v;
    sum += v;
  }
  for (double& v : w) v *= T / sum;
  return w;
}

void TrainConfig::validate() const {
  auto fail = [](const std::string& what) { throw std::invalid_argument("training: " + what); };
  if (batchSize < 1 || batchSize > 10'000'000) fail("batch size must be in 1..10^7");
  if (!(learningRate > 0) || !std::isfinite(learningRate)) fail("learning rate must be a positive number");
  if (!(emaDecay >= 0 && emaDecay < 1)) fail("EMA decay must be in [0, 1)");
  if (!(gradClip >= 0) || !std::isfinite(gradClip)) fail("gradient clip must be >= 0 (0 = off)");
  if (lossBands < 1 || lossBands > 1000) fail("loss bands must be in 1..1000");
  if (reportEvery < 1) fail("report interval must be at least 1 step");
  if (!(labelDropout >= 0 && labelDropout <= 1)) fail("label dropout must be in [0, 1]");
  if (!(adamBeta1 >= 0 && adamBeta1 < 1) || !(adamBeta2 >= 0 && adamBeta2 < 1) || !(adamEps > 0)) {
    fail("Adam needs 0 <= beta1, beta2 < 1 and eps > 0");
  }
}

// All parameters live in one flat vector (and so do their gradients, the Adam moments and the
// EMA), so an optimiser step, the EMA update and the roll-back snapshot are a handful of
// vector operations instead of a loop over every tensor.
struct Trainer::Impl {
  MlpConfig arch;
  NoiseSchedule schedule;
  TrainConfig config;
  c10::Device device = c10::Device(c10::kCPU);
  Mlp net{nullptr};
  at::Tensor data, labels;
  at::Tensor flat, flatGrad, ema, adamM, adamV;  // [P]
  at::Tensor prevFlat, prevEma, prevM, prevV;    // before the latest update, for roll-back
  std::int64_t prevStep = -1;                    // -1: no snapshot yet
  std::vector<at::Tensor> params;
  at::Tensor sqrtAb, sqrt1mAb, weights;  // [T+1] float tables on device
  at::Generator gen;
  std::int64_t step = 0;
  std::vector<std::pair<std::int64_t, double>> history;
  // Data-parallel training (core/training/distributed.h): the group this trainer was built in, this
  // rank's rows of every batch, whether rank 0's state was taken, and whether the ranks agreed to stop.
  std::shared_ptr<ProcessGroup> group;
  BatchShard shard;
  bool synced = false, stopAgreed = false;

  void setup(const MlpDenoiser& start, at::Tensor dataIn, at::Tensor labelsIn, const TrainerState* state);
  void bindGradients();
  void copyFlatInto(const at::Tensor& src, Mlp& dst) const;

  // One training batch (Ho et al. 2020, Algorithm 1): x_0 from the data, t ~ U{1..T}, ε ~ N(0, I),
  // x_t = √ᾱ_t x_0 + √(1-ᾱ_t) ε, and for conditional models the labels (some dropped to the null label).
  struct Batch {
    at::Tensor t, eps, xt, y;
  };

  // The named steps of run().
  Batch sampleBatch();
  std::pair<at::Tensor, at::Tensor> lossOf(const Batch& batch);
  bool rollBack();
  void gatherGradients();
  void rememberForRollBack();
  void adamAndEmaStep();
};

namespace {

// The random stream of step k depends only on (seed, k), so a run that is paused, saved and
// resumed draws exactly the batches an uninterrupted run would (and ends with the same weights).
std::uint64_t stepSeed(std::uint64_t seed, std::int64_t step) {
  std::uint64_t z = seed * 0x9E3779B97F4A7C15ULL + static_cast<std::uint64_t>(step) + 0x5DEECE66DULL;
  // splitmix64 finaliser
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

at::Tensor toTable(const std::vector<double>& values, const c10::Device& device) {
  return at::tensor(values, at::TensorOptions().dtype(at::kDouble)).to(device, at::kFloat);
}

void checkFlat(const at::Tensor& t, std::int64_t P, const char* what) {
  if (!t.defined() || t.dim() != 1 || t.size(0) != P) {
    throw std::invalid_argument(std::string("trainer state: ") + what + " must be a vector of " + std::to_string(P) +
                                " parameters");
  }
}

}  // namespace

void Trainer::Impl::setup(const MlpDenoiser& start, at::Tensor dataIn, at::Tensor labelsIn, const TrainerState* state) {
  config.validate();
  if (arch.steps != schedule.steps()) {
    throw std::invalid_argument("training: the model covers T = " + std::to_string(arch.steps) +
                                " steps but the schedule has T = " + std::to_string(schedule.steps()));
  }
  if (!dataIn.defined() || dataIn.dim() != 2 || dataIn.size(1) != arch.dim || dataIn.size(0) < 1) {
    std::ostringstream os;
    os << "training: data must be a non-empty [M, " << arch.dim << "] tensor, got ";
    if (dataIn.defined()) os << dataIn.sizes();
    else os << "none";
    throw std::invalid_argument(os.str());
  }
  if (!at::isfinite(dataIn).all().item<bool>()) {
    throw std::invalid_argument("training: the data contain NaN or infinite values");
  }
  if (arch.numClasses > 0) {
    if (!labelsIn.defined() || labelsIn.dim() != 1 || labelsIn.size(0) != dataIn.size(0)) {
      throw std::invalid_argument("training: a conditional model needs int64 labels [M], one per point");
    }
    auto l = labelsIn.to(at::kLong);
    if (l.min().item<std::int64_t>() < 0 || l.max().item<std::int64_t>() >= arch.numClasses) {
      throw std::invalid_argument("training: labels must be in 0.." + std::to_string(arch.numClasses - 1));
    }
    labels = l.to(device);
  } else if (labelsIn.defined()) {
    throw std::invalid_argument("training: labels were given for an unconditional model");
  }
  data = dataIn.detach().to(device, at::kFloat).contiguous();

  torch::NoGradGuard noGrad;
  net = cloneMlp(start.module());
  net->to(device);
  net->train();
  params = net->parameters();
  std::int64_t P = 0;
  for (const auto& p : params) P += p.numel();
  const auto opts = at::TensorOptions().dtype(at::kFloat).device(device);
  flat = at::empty({P}, opts);
  std::int64_t offset = 0;
  for (auto& p : params) {
    flat.narrow(0, offset, p.numel()).copy_(p.reshape({-1}));
    p.set_(flat.storage(), offset, p.sizes(), p.contiguous().strides());
    offset += p.numel();
  }
  flatGrad = at::zeros({P}, opts);
  bindGradients();
  if (state) {
    checkFlat(state->weights, P, "weights");
    checkFlat(state->ema, P, "EMA weights");
    checkFlat(state->adamM, P, "Adam first moment");
    checkFlat(state->adamV, P, "Adam second moment");
    if (state->step < 0) throw std::invalid_argument("trainer state: negative step count");
    flat.copy_(state->weights);
    ema = state->ema.to(opts).clone();
    adamM = state->adamM.to(opts).clone();
    adamV = state->adamV.to(opts).clone();
    step = state->step;
  } else {
    ema = flat.clone();
    adamM = at::zeros({P}, opts);
    adamV = at::zeros({P}, opts);
  }
  prevFlat = at::empty_like(flat);
  prevEma = at::empty_like(flat);
  prevM = at::empty_like(flat);
  prevV = at::empty_like(flat);

  std::vector<double> a(schedule.steps() + 1), b(schedule.steps() + 1), w(schedule.steps() + 1, 0.0);
  const auto lw = lossWeights(schedule, config.weighting);
  for (int t = 0; t <= schedule.steps(); ++t) {
    a[t] = schedule.sqrtAlphaBar(t);
    b[t] = schedule.sqrtOneMinusAlphaBar(t);
    if (t > 0) w[t] = lw[t - 1];
  }
  sqrtAb = toTable(a, device);
  sqrt1mAb = toTable(b, device);
  weights = toTable(w, device);
  gen = makeGenerator(stepSeed(config.seed, step), device);
  group = currentDataParallelGroup();
  if (group) {
    try {
      shard = batchShard(config.batchSize, group->rank(), group->worldSize());
    } catch (const std::invalid_argument& e) {
      throw std::invalid_argument(std::string("training: ") + e.what());
    }
  }
}

// Gradients accumulate straight into flatGrad: a defined .grad is added to in place by autograd.
void Trainer::Impl::bindGradients() {
  std::int64_t offset = 0;
  for (auto& p : params) {
    p.mutable_grad() = flatGrad.narrow(0, offset, p.numel()).view(p.sizes());
    offset += p.numel();
  }
}

void Trainer::Impl::copyFlatInto(const at::Tensor& src, Mlp& dst) const {
  torch::NoGradGuard noGrad;
  std::int64_t offset = 0;
  for (auto& p : dst->parameters()) {
    p.copy_(src.narrow(0, offset, p.numel()).view(p.sizes()));
    offset += p.numel();
  }
}

Trainer::Trainer(const MlpConfig& arch, NoiseSchedule schedule, at::Tensor data, TrainConfig config, at::Tensor labels,
                 const c10::Device& device)
    : m(std::make_unique<Impl>()) {
  m->arch = arch;
  m->schedule = std::move(schedule);
  m->config = config;
  m->device = device;
  config.validate();
  MlpDenoiser fresh(arch, config.seed);
  m->setup(fresh, std::move(data), std::move(labels), nullptr);
}

Trainer::Trainer(const MlpDenoiser& start, NoiseSchedule schedule, at::Tensor data, TrainConfig config,
                 at::Tensor labels, const TrainerState* state, const c10::Device& device)
    : m(std::make_unique<Impl>()) {
  m->arch = start.config();
  m->schedule = std::move(schedule);
  m->config = config;
  m->device = device;
  m->setup(start, std::move(data), std::move(labels), state);
}

Trainer::~Trainer() = default;

std::int64_t Trainer::step() const { return m->step; }
const MlpConfig& Trainer::architecture() const { return m->arch; }
const NoiseSchedule& Trainer::schedule() const { return m->schedule; }
const TrainConfig& Trainer::config() const { return m->config; }
const std::vector<std::pair<std::int64_t, double>>& Trainer::lossHistory() const { return m->history; }

void Trainer::setLearningRate(double lr) {
  if (!(lr > 0) || !std::isfinite(lr)) throw std::invalid_argument("training: learning rate must be a positive number");
  m->config.learningRate = lr;
}

std::shared_ptr<MlpDenoiser> Trainer::model(bool ema) const {
  auto out = std::make_shared<MlpDenoiser>(m->arch, 0, m->device);
  m->copyFlatInto(ema ? m->ema : m->flat, out->module());
  out->module()->eval();
  return out;
}

TrainerState Trainer::state() const {
  TrainerState s;
  s.step = m->step;
  s.weights = m->flat.detach().to(at::kCPU, /*non_blocking=*/false, /*copy=*/true);
  s.ema = m->ema.to(at::kCPU, false, true);
  s.adamM = m->adamM.to(at::kCPU, false, true);
  s.adamV = m->adamV.to(at::kCPU, false, true);
  return s;
}

namespace {

// The loss since the last progress report: its mean and the unweighted ε-MSE per band of t.
class LossMeter {
 public:
  LossMeter(int bands, int T, const c10::Device& device)
      : m_bands(bands),
        m_T(T),
        m_sum(at::zeros({bands}, at::TensorOptions().dtype(at::kDouble).device(device))),
        m_count(at::zeros({bands}, at::TensorOptions().dtype(at::kDouble).device(device))) {}

  void add(double loss, const at::Tensor& t, const at::Tensor& perSample) {
    m_lossSum += loss;
    ++m_lossCount;
    auto band = (t - 1).mul_(m_bands).div_(m_T, "floor");
    m_sum.index_add_(0, band, perSample.detach().to(at::kDouble));
    m_count.index_add_(0, band, at::ones({t.size(0)}, m_sum.options()));
  }
  bool empty() const { return m_lossCount == 0; }
  // Fills the report's loss figures and starts a new interval. An empty interval repeats the
  // previous mean (a report right after a roll-back still has a number).
  void takeInto(TrainProgress& p, ProcessGroup* group) {
    if (group && m_lossCount > 0) {
      // The band figures of the whole global batch (every rank reports at the same steps).
      group->allReduceSum({m_sum, m_count}, "the loss report");
    }
    p.loss = m_lossCount > 0 ? m_lossSum / static_cast<double>(m_lossCount) : m_lastMean;
    auto sums = m_sum.to(at::kCPU);
    auto counts = m_count.to(at::kCPU);
    for (int b = 0; b < m_bands; ++b) {
      const double c = counts[b].item<double>();
      p.bandLoss.push_back(c > 0 ? sums[b].item<double>() / c : std::numeric_limits<double>::quiet_NaN());
    }
    if (m_lossCount > 0) m_lastMean = p.loss;
    m_sum.zero_();
    m_count.zero_();
    m_lossSum = 0;
    m_lossCount = 0;
  }
  double lastMean() const { return m_lastMean; }

 private:
  int m_bands, m_T;
  at::Tensor m_sum, m_count;
  double m_lossSum = 0;
  std::int64_t m_lossCount = 0;
  double m_lastMean = std::numeric_limits<double>::quiet_NaN();
};

}  // namespace

Trainer::Impl::Batch Trainer::Impl::sampleBatch() {
  const auto B = config.batchSize;
  const auto fopts = at::TensorOptions().dtype(at::kFloat).device(device);
  const auto lopts = at::TensorOptions().dtype(at::kLong).device(device);
  gen.set_current_seed(stepSeed(config.seed, step));
  Batch b;
  auto idx = at::randint(0, data.size(0), {B}, gen, lopts);
  auto x0 = data.index_select(0, idx);
  b.t = at::randint(1, schedule.steps() + 1, {B}, gen, lopts);
  b.eps = at::randn({B, arch.dim}, gen, fopts);
  b.xt = sqrtAb.index_select(0, b.t).unsqueeze(1) * x0 + sqrt1mAb.index_select(0, b.t).unsqueeze(1) * b.eps;
  if (arch.numClasses > 0) {
    b.y = labels.index_select(0, idx);
    if (config.labelDropout > 0) {
      auto drop = at::rand({B}, gen, fopts).lt(config.labelDropout);
      b.y = at::where(drop, at::full_like(b.y, arch.numClasses), b.y);
    }
  }
  if (group) {
    // A data-parallel rank trains on its rows of the global batch drawn above.
    for (auto* v : {&b.t, &b.eps, &b.xt, &b.y})
      if (v->defined()) *v = v->narrow(0, shard.begin, shard.count);
  }
  return b;
}

// ‖ε - ε_θ‖² / D per sample [B], and the (weighted) mean that is minimised.
std::pair<at::Tensor, at::Tensor> Trainer::Impl::lossOf(const Batch& b) {
  auto perSample = (net->forward(b.xt, b.t, b.y) - b.eps).pow(2).mean(1);
  auto loss =
      config.weighting == LossWeighting::Simple ? perSample.mean() : (perSample * weights.index_select(0, b.t)).mean();
  return {perSample, loss};
}

// The weights that produced a non-finite loss came from the previous update: undo it. Returns
// whether there was one to undo.
bool Trainer::Impl::rollBack() {
  if (prevStep < 0) return false;
  torch::NoGradGuard noGrad;
  flat.copy_(prevFlat);
  ema.copy_(prevEma);
  adamM.copy_(prevM);
  adamV.copy_(prevV);
  step = prevStep;
  prevStep = -1;
  return true;
}

// autograd normally accumulates into the bound .grad views; if it ever replaced one, copy it in.
void Trainer::Impl::gatherGradients() {
  std::int64_t offset = 0;
  for (auto& p : params) {
    const auto& g = p.grad();
    if (g.defined() && g.data_ptr() != flatGrad.narrow(0, offset, p.numel()).data_ptr()) {
      flatGrad.narrow(0, offset, p.numel()).copy_(g.reshape({-1}));
      p.mutable_grad() = flatGrad.narrow(0, offset, p.numel()).view(p.sizes());
    }
    offset += p.numel();
  }
}

// Keeps the state before an update, so a divergence in the next step can be undone.
void Trainer::Impl::rememberForRollBack() {
  prevFlat.copy_(flat);
  prevEma.copy_(ema);
  prevM.copy_(adamM);
  prevV.copy_(adamV);
  prevStep = step;
}

// Adam (Kingma & Ba 2015, Algorithm 1) with bias correction, then the EMA of the weights with the
// usual warm-up, so short runs are not dominated by the initial weights.
void Trainer::Impl::adamAndEmaStep() {
  ++step;
  const double b1 = config.adamBeta1, b2 = config.adamBeta2;
  const double bc1 = 1.0 - std::pow(b1, static_cast<double>(step));
  const double bc2 = 1.0 - std::pow(b2, static_cast<double>(step));
  adamM.mul_(b1).add_(flatGrad, 1.0 - b1);
  adamV.mul_(b2).addcmul_(flatGrad, flatGrad, 1.0 - b2);
  auto denom = adamV.sqrt().div_(std::sqrt(bc2)).add_(config.adamEps);
  flat.addcdiv_(adamM, denom, -config.learningRate / bc1);
  if (config.emaDecay > 0) {
    const double k = static_cast<double>(step);
    const double d = std::min(config.emaDecay, (1.0 + k) / (10.0 + k));
    ema.mul_(d).add_(flat, 1.0 - d);
  } else {
    ema.copy_(flat);
  }
}

TrainResult Trainer::run(std::int64_t steps, const TrainProgressFn& progress, const CancelToken& cancel) {
  Impl& s = *m;
  const TrainConfig& cfg = s.config;
  const auto start = std::chrono::steady_clock::now();
  auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };
  TrainResult result;
  if (steps < 0) throw std::invalid_argument("training: the number of steps must be >= 0");
  // Training GEMMs are small (batch × width): OpenBLAS's thread pool costs more than it gains.
  std::optional<ScopedBlasThreads> blas;
  if (s.device.is_cpu() && cfg.batchSize <= 2048) blas.emplace(1);

  LossMeter meter(cfg.lossBands, s.schedule.steps(), s.device);
  auto report = [&](std::int64_t runStep) {
    TrainProgress p;
    p.step = s.step;
    p.runStep = runStep;
    p.runTotal = steps;
    const bool hadLoss = !meter.empty();
    meter.takeInto(p, s.group.get());
    p.seconds = elapsed();
    if (hadLoss) s.history.emplace_back(s.step, p.loss);
    if (progress) progress(p);
  };
  auto stopDiverged = [&](const std::string& why) {
    std::ostringstream os;
    os << why << " Try a lower learning rate (now " << cfg.learningRate << ").";
    result.status = TrainStatus::Diverged;
    result.message = os.str();
  };

  if (s.group && !s.synced) {
    syncInitialState(*s.group, {s.flat, s.ema, s.adamM, s.adamV}, s.step);  // rank 0's state everywhere
    s.synced = true;
  }
  s.stopAgreed = false;
  std::int64_t done = 0;
  for (; done < steps; ++done) {
    // Data-parallel ranks stop together: a stop request travels with the gradients of the next step.
    if (s.group ? s.stopAgreed : cancel.isCancelled()) {
      result.status = TrainStatus::Cancelled;
      result.message = "training cancelled at step " + std::to_string(s.step);
      break;
    }
    const Impl::Batch batch = s.sampleBatch();
    const auto [perSample, loss] = s.lossOf(batch);
    double lossValue = loss.item<double>();
    if (s.group) {
      // Backward first, then the batch's mean gradient and loss, on which every rank decides the same.
      s.flatGrad.zero_();
      loss.backward();
      torch::NoGradGuard noGrad;
      s.gatherGradients();
      const StepExchange ex = exchangeStep(*s.group, {s.flatGrad}, lossValue, s.shard, cancel.isCancelled(), s.step);
      lossValue = ex.loss;
      s.stopAgreed = ex.stop;
    }
    if (!std::isfinite(lossValue)) {
      std::ostringstream os;
      os << "training stopped at step " << s.step + 1 << ": the loss became " << lossValue;
      if (s.rollBack()) {
        if (done > 0) --done;
        os << "; the weights were restored to step " << s.step;
      }
      os << ".";
      stopDiverged(os.str());
      break;
    }
    if (!s.group) {
      s.flatGrad.zero_();
      loss.backward();
    }
    torch::NoGradGuard noGrad;
    if (!s.group) s.gatherGradients();
    const double gradNorm = s.flatGrad.norm().item<double>();
    if (!std::isfinite(gradNorm)) {
      std::ostringstream os;
      os << "training stopped at step " << s.step + 1 << ": the gradient became " << gradNorm
         << "; the weights of step " << s.step << " were kept.";
      stopDiverged(os.str());
      break;
    }
    if (cfg.gradClip > 0 && gradNorm > cfg.gradClip) s.flatGrad.mul_(cfg.gradClip / gradNorm);
    s.rememberForRollBack();
    s.adamAndEmaStep();
    meter.add(lossValue, batch.t, perSample);
    if ((done + 1) % cfg.reportEvery == 0 && done + 1 < steps) report(done + 1);
  }
  if (!meter.empty() || done == steps) report(done);
  result.steps = done;
  result.totalSteps = s.step;
  result.loss = meter.lastMean();
  result.seconds = elapsed();
  if (result.status == TrainStatus::Completed) {
    std::ostringstream os;
    os << "trained " << done << " steps (" << s.step << " in total), loss " << meter.lastMean();
    result.message = os.str();
  }
  return result;
}

}  // namespace ds
