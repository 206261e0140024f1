#include "core/models/mlp.h"

#include "core/runtime/rng.h"

#include <ATen/ATen.h>
#include <ATen/Parallel.h>
#include <c10/core/InferenceMode.h>
#include <torch/torch.h>

#include <dlfcn.h>
#include <cmath>
#include <cstdlib>
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#endif
#include <sstream>
#include <stdexcept>
#include <utility>
#include <vector>

namespace ds {

// ---------------------------------------------------------------------------------------------
// MlpConfig

void MlpConfig::validate() const {
  auto fail = [](const std::string& what) { throw std::invalid_argument("MLP: " + what); };
  if (dim < 1 || dim > 64) fail("dim = " + std::to_string(dim) + " must be in 1..64");
  if (hidden < 1 || hidden > 8192) fail("hidden width = " + std::to_string(hidden) + " must be in 1..8192");
  if (layers < 1 || layers > 64) fail("layers = " + std::to_string(layers) + " must be in 1..64");
  if (numClasses < 0 || numClasses > 100000)
    fail("numClasses = " + std::to_string(numClasses) + " must be in 0..100000");
  if (timeEmbedDim < 2 || timeEmbedDim % 2 != 0 || timeEmbedDim > 4096) {
    fail("time embedding size = " + std::to_string(timeEmbedDim) + " must be even and in 2..4096");
  }
  if (numClasses > 0 && (classEmbedDim < 1 || classEmbedDim > 4096)) {
    fail("class embedding size = " + std::to_string(classEmbedDim) + " must be in 1..4096");
  }
  if (steps < 1 || steps > 1000000) fail("steps T = " + std::to_string(steps) + " must be in 1..1000000");
}

std::int64_t MlpConfig::parameterCount() const {
  const std::int64_t H = hidden, D = dim;
  const std::int64_t inputs = D + timeEmbedDim + (numClasses > 0 ? classEmbedDim : 0);
  std::int64_t n = inputs * H + H;                           // input layer
  n += static_cast<std::int64_t>(layers - 1) * (H * H + H);  // hidden layers
  n += H * D + D;                                            // output layer
  if (numClasses > 0) n += static_cast<std::int64_t>(numClasses + 1) * classEmbedDim;
  return n;
}

bool MlpConfig::operator==(const MlpConfig& o) const {
  return dim == o.dim && hidden == o.hidden && layers == o.layers && numClasses == o.numClasses &&
         timeEmbedDim == o.timeEmbedDim && (numClasses == 0 || classEmbedDim == o.classEmbedDim) && steps == o.steps;
}

// ---------------------------------------------------------------------------------------------
// Module

torch::Tensor timeEmbedding(const torch::Tensor& t, int dim, int steps) {
  const int half = dim / 2;
  const auto opts = torch::TensorOptions().dtype(torch::kFloat).device(t.device());
  // f_k = 10000^(-k/half), k = 0..half-1 (Vaswani et al. 2017, §3.5).
  auto freqs = torch::exp(torch::arange(half, opts) * (-std::log(10000.0) / half));
  auto s = t.to(torch::kFloat).mul(1000.0 / steps).unsqueeze(1);
  auto args = s * freqs.unsqueeze(0);
  return torch::cat({torch::sin(args), torch::cos(args)}, 1);
}

MlpImpl::MlpImpl(const MlpConfig& config) : m_config(config) {
  m_config.validate();
  reset();
}

void MlpImpl::reset() {
  const MlpConfig& config = m_config;
  const int inputs = config.dim + config.timeEmbedDim + (config.numClasses > 0 ? config.classEmbedDim : 0);
  input = register_module("input", torch::nn::Linear(inputs, config.hidden));
  hidden = register_module("hidden", torch::nn::ModuleList());
  for (int i = 1; i < config.layers; ++i) hidden->push_back(torch::nn::Linear(config.hidden, config.hidden));
  output = register_module("output", torch::nn::Linear(config.hidden, config.dim));
  if (config.numClasses > 0) {
    classEmbed = register_module("class_embed", torch::nn::Embedding(config.numClasses + 1, config.classEmbedDim));
  }
}

torch::Tensor MlpImpl::forward(const torch::Tensor& x, const torch::Tensor& t, const torch::Tensor& labels) {
  std::vector<torch::Tensor> parts{x, timeEmbedding(t, m_config.timeEmbedDim, m_config.steps)};
  if (m_config.numClasses > 0) {
    auto y = labels.defined() ? labels.to(torch::kLong)
                              : torch::full({x.size(0)}, m_config.numClasses,
                                            torch::TensorOptions().dtype(torch::kLong).device(x.device()));
    parts.push_back(classEmbed(y));
  }
  auto h = torch::silu(input(torch::cat(parts, 1)));
  for (const auto& layer : *hidden) h = torch::silu(layer->as<torch::nn::Linear>()->forward(h));
  return output(h);
}

void initMlp(Mlp& mlp, std::uint64_t seed) {
  torch::NoGradGuard noGrad;
  auto gen = makeGenerator(seed, c10::Device(c10::kCPU));
  const auto cpu = torch::TensorOptions().dtype(torch::kFloat);
  // named_parameters() has a fixed order (registration order), so the same seed gives the same weights.
  for (auto& item : mlp->named_parameters()) {
    auto& p = item.value();
    auto fresh = torch::empty(p.sizes(), cpu);
    if (item.key().rfind("class_embed", 0) == 0) {
      fresh.normal_(0.0, 1.0, gen);
    } else {
      // Linear weight [out, in] and bias [out] both use U(±1/√in), PyTorch's default bound.
      const bool isWeight = p.dim() == 2;
      std::int64_t fanIn = isWeight ? p.size(1) : 0;
      if (!isWeight) {
        // The bias of a layer follows its weight in registration order; its fan-in is that weight's.
        const std::string weightKey = item.key().substr(0, item.key().size() - 4) + "weight";
        fanIn = mlp->named_parameters()[weightKey].size(1);
      }
      const double bound = 1.0 / std::sqrt(static_cast<double>(fanIn));
      fresh.uniform_(-bound, bound, gen);
    }
    p.copy_(fresh);
  }
}

Mlp cloneMlp(const Mlp& mlp) { return std::dynamic_pointer_cast<MlpImpl>(mlp->clone()); }

// ---------------------------------------------------------------------------------------------
// ScopedBlasThreads

ScopedBlasThreads::ScopedBlasThreads(int n) {
  // Looked up at run time, so other BLAS libraries and CUDA builds are unaffected.
  static const auto fns = [] {
    auto get = reinterpret_cast<int (*)()>(dlsym(RTLD_DEFAULT, "openblas_get_num_threads"));
    auto set = reinterpret_cast<void (*)(int)>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads"));
    return std::make_pair(get, set);
  }();
  if (fns.first && fns.second) {
    m_previous = fns.first();
    if (m_previous != n) {
      m_set = fns.second;
      m_set(n);
    }
  }
}

ScopedBlasThreads::~ScopedBlasThreads() {
  if (m_set) m_set(m_previous);
}

// ---------------------------------------------------------------------------------------------
// MlpDenoiser

namespace {

#if defined(__x86_64__) && defined(__GNUC__)
// SiLU x·σ(x) = x / (1 + e^{-x}) over floats with AVX2+FMA: e^{-x} by the Cephes expf range
// reduction and polynomial (≈1 ulp), so the activation costs about a third of at::silu_ here.
__attribute__((target("avx2,fma"))) void siluAvx2(float* p, std::int64_t n) {
  const __m256 one = _mm256_set1_ps(1.0f);
  const __m256 lo = _mm256_set1_ps(-87.0f), hi = _mm256_set1_ps(87.0f);
  const __m256 log2e = _mm256_set1_ps(1.44269504088896341f);
  const __m256 c1 = _mm256_set1_ps(0.693359375f), c2 = _mm256_set1_ps(-2.12194440e-4f);
  const __m256 p0 = _mm256_set1_ps(1.9875691500e-4f), p1 = _mm256_set1_ps(1.3981999507e-3f);
  const __m256 p2 = _mm256_set1_ps(8.3334519073e-3f), p3 = _mm256_set1_ps(4.1665795894e-2f);
  const __m256 p4 = _mm256_set1_ps(1.6666665459e-1f), p5 = _mm256_set1_ps(5.0000001201e-1f);
  const __m256i bias = _mm256_set1_epi32(127);
  std::int64_t i = 0;
  for (; i + 8 <= n; i += 8) {
    const __m256 x = _mm256_loadu_ps(p + i);
    const __m256 z = _mm256_min_ps(_mm256_max_ps(_mm256_sub_ps(_mm256_setzero_ps(), x), lo), hi);  // -x
    const __m256 k = _mm256_round_ps(_mm256_mul_ps(z, log2e), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    __m256 r = _mm256_fnmadd_ps(k, c1, z);
    r = _mm256_fnmadd_ps(k, c2, r);  // z - k·ln 2
    __m256 y = _mm256_fmadd_ps(p0, r, p1);
    y = _mm256_fmadd_ps(y, r, p2);
    y = _mm256_fmadd_ps(y, r, p3);
    y = _mm256_fmadd_ps(y, r, p4);
    y = _mm256_fmadd_ps(y, r, p5);
    y = _mm256_fmadd_ps(y, _mm256_mul_ps(r, r), _mm256_add_ps(r, one));                      // e^r
    const __m256i e = _mm256_slli_epi32(_mm256_add_epi32(_mm256_cvtps_epi32(k), bias), 23);  // 2^k
    const __m256 expNegX = _mm256_mul_ps(y, _mm256_castsi256_ps(e));
    _mm256_storeu_ps(p + i, _mm256_div_ps(x, _mm256_add_ps(one, expNegX)));
  }
  for (; i < n; ++i) p[i] = p[i] / (1.0f + std::exp(-p[i]));
}

bool haveAvx2() {
  static const bool yes = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
  return yes;
}
#endif

// Parameters made under InferenceMode have no version counter; their changes go through
// copyWeightsFrom/to, which clear the cache explicitly.
std::int64_t versionOf(const at::Tensor& t) { return t.is_inference() ? -1 : static_cast<std::int64_t>(t._version()); }

// Activation in place: x·σ(x). `parallel`: split over the intra-op threads (not inside a parallel region).
void siluInPlace(at::Tensor& h, bool parallel) {
#if defined(__x86_64__) && defined(__GNUC__)
  if (h.device().is_cpu() && h.scalar_type() == at::kFloat && h.is_contiguous() && haveAvx2()) {
    float* data = h.data_ptr<float>();
    if (!parallel) {
      siluAvx2(data, h.numel());
      return;
    }
    at::parallel_for(0, h.numel(), 1 << 16,
                     [data](std::int64_t begin, std::int64_t end) { siluAvx2(data + begin, end - begin); });
    return;
  }
#endif
  at::silu_(h);
}

// Rows per block of the CPU forward pass: two [rows, H] activation blocks stay in L2.
constexpr std::int64_t kBlockRows = 512;

// DS_MLP_BLOCKED=0 turns the blocked CPU path off (for benchmarks).
bool blockedEnabled() {
  static const bool on = [] {
    const char* v = std::getenv("DS_MLP_BLOCKED");
    return !(v && std::string(v) == "0");
  }();
  return on;
}

}  // namespace

// Tables derived from the weights (rebuilt when any parameter changes), and activation buffers.
struct MlpDenoiser::Cache {
  std::mutex mutex;
  std::vector<std::pair<const void*, std::int64_t>> stamp;  // (data_ptr, version) per parameter
  at::Tensor timeBias;                                      // [T+1, H]: W_t e(t) + b_1 (row 0 unused)
  at::Tensor classBias;  // [C+1, H]: W_c c(y), row C = null label; undefined when unconditional
  at::Tensor wxT;        // [D, H]
  std::vector<at::Tensor> hiddenWT, hiddenB;
  at::Tensor outWT, outB;
  at::Tensor bufA, bufB;  // [N, H]

  // Rebuilds the tables when a parameter changed (new storage, or an in-place update).
  void refresh(const Mlp& module, const MlpConfig& config, const c10::Device& device);
  // Makes the activation buffers hold N rows of width H on `device`.
  void reserveRows(std::int64_t N, std::int64_t H, const c10::Device& device);
  // The network once, on rows [begin, begin + len) of x into `out`:
  // h = σ(W_x x + (W_t e(t) + b_1) + W_c c(y)), then σ(W_i h + b_i) per hidden layer, then W_o h + b_o.
  // The first layer is a gather from the tables and one small GEMM. Blocks of rows use disjoint
  // parts of the buffers, so blocks may run on different threads.
  void forwardRows(const at::Tensor& x, const at::Tensor& tIdx, const at::Tensor& y, int numClasses,
                   const at::Tensor& out, std::int64_t begin, std::int64_t len, bool parallelSilu);
};

void MlpDenoiser::Cache::refresh(const Mlp& module, const MlpConfig& config, const c10::Device& device) {
  auto params = module->parameters();
  bool stale = stamp.size() != params.size();
  for (std::size_t i = 0; !stale && i < params.size(); ++i) {
    stale = stamp[i].first != params[i].data_ptr() || stamp[i].second != versionOf(params[i]);
  }
  if (!stale) return;
  const int D = config.dim;
  const int E = config.timeEmbedDim;
  const auto& w1 = module->input->weight;  // [H, D + E (+ Ec)]
  auto allT = at::arange(config.steps + 1, at::TensorOptions().dtype(at::kLong).device(device));
  timeBias = at::addmm(module->input->bias, timeEmbedding(allT, E, config.steps), w1.narrow(1, D, E).t());
  classBias = config.numClasses > 0 ? at::mm(module->classEmbed->weight, w1.narrow(1, D + E, config.classEmbedDim).t())
                                    : at::Tensor();
  wxT = w1.narrow(1, 0, D).t();
  hiddenWT.clear();
  hiddenB.clear();
  for (const auto& layer : *module->hidden) {
    auto lin = layer->as<torch::nn::Linear>();
    hiddenWT.push_back(lin->weight.t());
    hiddenB.push_back(lin->bias);
  }
  outWT = module->output->weight.t();
  outB = module->output->bias;
  stamp.clear();
  for (const auto& p : params) stamp.emplace_back(p.data_ptr(), versionOf(p));
}

void MlpDenoiser::Cache::reserveRows(std::int64_t N, std::int64_t H, const c10::Device& device) {
  if (bufA.defined() && bufA.size(0) == N && bufA.device() == device) return;
  bufA = at::empty({N, H}, at::TensorOptions().dtype(at::kFloat).device(device));
  bufB = at::empty_like(bufA);
}

void MlpDenoiser::Cache::forwardRows(const at::Tensor& x, const at::Tensor& tIdx, const at::Tensor& y, int numClasses,
                                     const at::Tensor& out, std::int64_t begin, std::int64_t len, bool parallelSilu) {
  at::Tensor h = bufA.narrow(0, begin, len);
  at::Tensor g = bufB.narrow(0, begin, len);
  at::index_select_out(h, timeBias, 0, tIdx.narrow(0, begin, len));
  if (numClasses > 0) {
    h.add_(y.defined() ? classBias.index_select(0, y.narrow(0, begin, len)) : classBias[numClasses]);
  }
  h.addmm_(x.narrow(0, begin, len), wxT);
  siluInPlace(h, parallelSilu);
  for (std::size_t i = 0; i < hiddenWT.size(); ++i) {
    at::addmm_out(g, hiddenB[i], h, hiddenWT[i]);
    siluInPlace(g, parallelSilu);
    std::swap(h, g);
  }
  auto o = out.narrow(0, begin, len);
  at::addmm_out(o, outB, h, outWT);
}

MlpDenoiser::MlpDenoiser(const MlpConfig& config, std::uint64_t seed, const c10::Device& device)
    : m_config(config), m_module(config), m_cache(std::make_shared<Cache>()) {
  initMlp(m_module, seed);
  m_module->eval();
  if (!device.is_cpu()) m_module->to(device);
}

MlpDenoiser::MlpDenoiser(Mlp module)
    : m_config(module->config()), m_module(std::move(module)), m_cache(std::make_shared<Cache>()) {}

std::string MlpDenoiser::name() const {
  std::ostringstream os;
  os << "MLP " << m_config.layers << "x" << m_config.hidden << " (SiLU)";
  if (m_config.numClasses > 0) os << ", " << m_config.numClasses << " classes";
  return os.str();
}

void MlpDenoiser::to(const c10::Device& device) {
  std::lock_guard<std::mutex> lock(m_cache->mutex);
  m_module->to(device);
  m_cache->stamp.clear();
}

c10::Device MlpDenoiser::device() const { return m_module->output->weight.device(); }

std::int64_t MlpDenoiser::parameterCount() const {
  std::int64_t n = 0;
  for (const auto& p : m_module->parameters()) n += p.numel();
  return n;
}

std::shared_ptr<MlpDenoiser> MlpDenoiser::clone() const {
  auto copy = std::make_shared<MlpDenoiser>(cloneMlp(m_module));
  copy->m_module->eval();
  return copy;
}

void MlpDenoiser::copyWeightsFrom(const Mlp& other) {
  if (other->config() != m_config) throw std::invalid_argument("copyWeightsFrom: the architectures differ");
  std::lock_guard<std::mutex> lock(m_cache->mutex);
  torch::NoGradGuard noGrad;
  auto dst = m_module->parameters();
  auto src = other->parameters();
  for (std::size_t i = 0; i < dst.size(); ++i) dst[i].copy_(src[i]);
  m_cache->stamp.clear();
}

namespace {

// Shapes of predictEps's arguments; the messages name the model.
void checkShapes(const std::string& name, const MlpConfig& config, const at::Tensor& xt, const at::Tensor& t,
                 const at::Tensor& labels) {
  const int D = config.dim;
  if (!xt.defined() || xt.dim() != 2 || xt.size(1) != D) {
    std::ostringstream os;
    os << name << ": expected x_t of shape [N, " << D << "], got ";
    if (xt.defined()) os << xt.sizes();
    else os << "an undefined tensor";
    throw std::invalid_argument(os.str());
  }
  const auto N = xt.size(0);
  if (!t.defined() || t.dim() != 1 || t.size(0) != N) {
    throw std::invalid_argument(name + ": t must be an int64 tensor of shape [N] with N = " + std::to_string(N));
  }
  if (labels.defined() && (labels.dim() != 1 || labels.size(0) != N)) {
    throw std::invalid_argument(name + ": labels must be an int64 tensor of shape [N]");
  }
  if (labels.defined() && config.numClasses == 0) {
    throw std::invalid_argument(name + ": this model is unconditional but labels were given");
  }
}

// Ranges of t and labels, checked only on the CPU, where they cost no device synchronisation.
void checkRanges(const std::string& name, const MlpConfig& config, const at::Tensor& tIdx, const at::Tensor& y) {
  if (!tIdx.device().is_cpu() || tIdx.size(0) == 0) return;
  const auto lo = tIdx.min().item<std::int64_t>();
  const auto hi = tIdx.max().item<std::int64_t>();
  if (lo < 1 || hi > config.steps) {
    throw std::out_of_range(name + ": timestep " + std::to_string(lo < 1 ? lo : hi) + " is outside 1.." +
                            std::to_string(config.steps));
  }
  if (!y.defined()) return;
  const auto ylo = y.min().item<std::int64_t>();
  const auto yhi = y.max().item<std::int64_t>();
  if (ylo < 0 || yhi > config.numClasses) {
    throw std::out_of_range(name + ": label " + std::to_string(ylo < 0 ? ylo : yhi) + " is outside 0.." +
                            std::to_string(config.numClasses) + " (" + std::to_string(config.numClasses) +
                            " = unconditional)");
  }
}

}  // namespace

at::Tensor MlpDenoiser::predictEps(const at::Tensor& xt, const at::Tensor& t, const at::Tensor& labels) const {
  checkShapes(name(), m_config, xt, t, labels);
  const auto N = xt.size(0);
  const auto device = this->device();
  auto tIdx = t.to(device, at::kLong);
  auto y = labels.defined() ? labels.to(device, at::kLong) : at::Tensor();
  checkRanges(name(), m_config, tIdx, y);
  // The result is allocated outside inference mode so callers may modify it in place.
  auto out = at::empty({N, m_config.dim}, at::TensorOptions().dtype(at::kFloat).device(device));
  if (N == 0) return out.to(xt.dtype());

  std::lock_guard<std::mutex> lock(m_cache->mutex);
  if (xt.requires_grad() && at::GradMode::is_enabled()) {
    // The caller wants ∂ε̂/∂x_t (the probability-flow ODE's exact divergence, likelihood/ode.cpp):
    // the module's own forward pass keeps the autograd graph; the blocked inference path below
    // does not (it writes into cached buffers under InferenceMode).
    at::Tensor eps = m_module.ptr()->forward(xt.to(device, at::kFloat), tIdx, y);
    return xt.scalar_type() == at::kFloat ? eps : eps.to(xt.scalar_type());
  }
  c10::InferenceMode inference;
  Cache& c = *m_cache;
  c.refresh(m_module, m_config, device);
  c.reserveRows(N, m_config.hidden, device);
  auto x = xt.to(device, at::kFloat).contiguous();
  // Rows are independent, so on the CPU the network runs on blocks of rows: each block's
  // activations stay in cache between layers, and the blocks are shared among the intra-op
  // threads, each running single-threaded GEMMs (OpenBLAS's own threading is switched off
  // meanwhile: its pool would serialise the concurrent calls). GPUs take the whole batch at once.
  auto blocks = [&](std::int64_t begin, std::int64_t end, bool parallelSilu) {
    for (std::int64_t b = begin; b < end; b += kBlockRows) {
      c.forwardRows(x, tIdx, y, m_config.numClasses, out, b, std::min(kBlockRows, end - b), parallelSilu);
    }
  };
  const int threads = at::get_num_threads();
  if (device.is_cpu() && threads > 1 && N >= 2 * kBlockRows && blockedEnabled()) {
    ScopedBlasThreads singleThreadedBlas(1);
    const std::int64_t grain = (N + threads - 1) / threads;
    at::parallel_for(0, N, grain, [&](std::int64_t begin, std::int64_t end) { blocks(begin, end, false); });
  } else if (device.is_cpu() && blockedEnabled()) {
    blocks(0, N, true);
  } else {
    c.forwardRows(x, tIdx, y, m_config.numClasses, out, 0, N, true);
  }
  return xt.scalar_type() == at::kFloat ? out : out.to(xt.scalar_type());
}

}  // namespace ds
