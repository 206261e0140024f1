#include "core/training/distributed.h"

#include <torch/torch.h>
#include <torch/csrc/distributed/c10d/PrefixStore.hpp>
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>
#ifdef USE_C10D_NCCL
#include <torch/csrc/distributed/c10d/ProcessGroupNCCL.hpp>
#endif

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdlib>
#include <mutex>
#include <sstream>
#include <thread>

namespace ds {

namespace {

using Clock = std::chrono::steady_clock;
using Millis = std::chrono::milliseconds;

constexpr Millis kHeartbeatPeriod{200};
constexpr Millis kStallWindow{1200};  // a rank whose heartbeat did not move in this window stopped
constexpr Millis kDiagnoseTimeout{2000};

std::string key(const char* what, int rank) { return std::string("ds/") + what + "/" + std::to_string(rank); }

std::string listRanks(const std::vector<int>& ranks) {
  std::ostringstream os;
  os << (ranks.size() == 1 ? "rank " : "ranks ");
  for (std::size_t i = 0; i < ranks.size(); ++i) os << (i ? ", " : "") << ranks[i];
  return os.str();
}

std::string firstLine(const std::exception& e) {
  std::string s = e.what();
  const auto nl = s.find('\n');
  return nl == std::string::npos ? s : s.substr(0, nl);
}

bool isLoopback(const std::string& host) { return host == "localhost" || host.rfind("127.", 0) == 0; }

c10::intrusive_ptr<c10d::TCPStore> connectStore(const std::string& host, int port, bool server, int world,
                                                Millis timeout) {
  c10d::TCPStoreOptions o;
  o.port = static_cast<std::uint16_t>(port);
  o.isServer = server;
  o.numWorkers = static_cast<std::size_t>(world);
  o.waitWorkers = false;  // the ranks' own registration below says which ones did not come
  o.timeout = timeout;
  return c10::make_intrusive<c10d::TCPStore>(host, o);
}

}  // namespace

void DistributedConfig::validate() const {
  auto bad = [](const std::string& what) { throw std::invalid_argument(what); };
  if (worldSize < 1 || worldSize > 1024) bad("world size must be 1..1024");
  if (rank < 0 || rank >= worldSize) {
    bad("rank must be 0.." + std::to_string(worldSize - 1) + " (the world size is " + std::to_string(worldSize) + ")");
  }
  if (host.empty()) bad("the rendezvous host is empty");
  if (port < 1 || port > 65535) bad("the rendezvous port must be 1..65535");
  if (!(timeoutSeconds >= 1 && timeoutSeconds <= 86400)) bad("the timeout must be 1..86400 seconds");
  if (device.is_cuda()) {
#ifndef USE_C10D_NCCL
    bad("this LibTorch build has no NCCL, so data-parallel training runs on the CPU only (--device cpu)");
#endif
  } else if (!device.is_cpu()) {
    bad("data-parallel training runs on the CPU (Gloo) or on CUDA (NCCL)");
  }
}

int pickFreePort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) throw DistributedError("cannot open a socket to find a free port");
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t length = sizeof(address);
  const bool ok = ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0 &&
                  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0;
  ::close(fd);
  if (!ok) throw DistributedError("cannot find a free port on 127.0.0.1");
  return ntohs(address.sin_port);
}

void parseRendezvous(const std::string& text, std::string& host, int& port) {
  const auto colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == text.size())
    throw std::invalid_argument("\"" + text + "\" is not HOST:PORT (e.g. 192.168.1.10:29500)");
  const std::string portText = text.substr(colon + 1);
  if (portText.find_first_not_of("0123456789") != std::string::npos || portText.size() > 5)
    throw std::invalid_argument("the port \"" + portText + "\" is not a number 1..65535");
  const int p = std::stoi(portText);
  if (p < 1 || p > 65535) throw std::invalid_argument("the port " + portText + " is not in 1..65535");
  host = text.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  port = p;
}

struct ProcessGroup::Impl {
  DistributedConfig config;
  c10::intrusive_ptr<c10d::TCPStore> store;
  c10::intrusive_ptr<c10d::ProcessGroup> group;
  std::string backend;
  double commSeconds = 0;
  std::int64_t commBytes = 0;

  std::thread heartbeat;
  std::mutex mutex;
  std::condition_variable wake;
  bool stopping = false;

  Millis timeout() const { return Millis(static_cast<std::int64_t>(config.timeoutSeconds * 1000)); }
  std::string where() const { return config.host + ":" + std::to_string(config.port); }
  std::string me() const { return "rank " + std::to_string(config.rank); }

  void rendezvous();
  void startHeartbeat();
  void stopHeartbeat();
  std::string diagnose() const;
  [[noreturn]] void fail(const std::string& what, const std::exception& e) const;
  template <class Op>
  void collective(const std::string& what, std::int64_t bytes, Op op);
};

void ProcessGroup::Impl::rendezvous() {
  const int world = config.worldSize, rank = config.rank;
  try {
    store = connectStore(config.host, config.port, rank == 0, world, timeout());
  } catch (const std::exception& e) {
    if (rank == 0) {
      throw DistributedError("rank 0: cannot host the rendezvous on port " + std::to_string(config.port) + " (" +
                             firstLine(e) + "); is the port in use? Choose another with --rendezvous HOST:PORT");
    }
    throw DistributedError(me() + ": cannot reach the rendezvous at " + where() + " within " +
                           std::to_string(int(config.timeoutSeconds)) +
                           " s (rank 0 hosts it: is it running, and is the address right?): " + firstLine(e));
  }
  try {
    if (store->add(key("rank", rank), 1) > 1) {
      throw DistributedError(me() + ": another process has already joined the rendezvous at " + where() + " as rank " +
                             std::to_string(rank) + " (give each process its own --rank)");
    }
    store->add("ds/joined", 1);
    const auto deadline = Clock::now() + timeout();
    while (store->add("ds/joined", 0) < world) {
      if (Clock::now() > deadline) {
        std::vector<int> missing;
        for (int r = 0; r < world; ++r)
          if (!store->check({key("rank", r)})) missing.push_back(r);
        throw DistributedError(me() + ": " + listRanks(missing) + " did not join the rendezvous at " + where() +
                               " within " + std::to_string(int(config.timeoutSeconds)) + " s");
      }
      std::this_thread::sleep_for(Millis(20));
    }
  } catch (const DistributedError&) {
    throw;
  } catch (const std::exception& e) {
    throw DistributedError(me() + ": the rendezvous at " + where() + " failed: " + firstLine(e));
  }

  auto prefixed = c10::make_intrusive<c10d::PrefixStore>("c10d", store);
  try {
    if (config.device.is_cuda()) {
#ifdef USE_C10D_NCCL
      auto options = c10d::ProcessGroupNCCL::Options::create();
      options->timeout = timeout();
      group = c10::make_intrusive<c10d::ProcessGroupNCCL>(prefixed, rank, world, options);
      backend = "nccl";
#endif
    } else {
      auto options = c10d::ProcessGroupGloo::Options::create(timeout());
      // Ranks on one machine talk over the loopback; across machines Gloo binds to the address of
      // this machine's name, or to the interface named by GLOO_SOCKET_IFNAME (as in PyTorch).
      const char* ifname = std::getenv("GLOO_SOCKET_IFNAME");
      if (ifname && *ifname) {
        options->devices.push_back(c10d::ProcessGroupGloo::createDeviceForInterface(ifname));
      } else if (isLoopback(config.host)) {
        options->devices.push_back(c10d::ProcessGroupGloo::createDeviceForHostname("127.0.0.1"));
      } else {
        options->devices.push_back(c10d::ProcessGroupGloo::createDefaultDevice());
      }
      options->threads = 1;
      group = c10::make_intrusive<c10d::ProcessGroupGloo>(prefixed, rank, world, options);
      backend = "gloo";
    }
  } catch (const std::exception& e) {
    throw DistributedError(me() + ": cannot connect to the other ranks (" + firstLine(e) + ")");
  }
}

void ProcessGroup::Impl::startHeartbeat() {
  heartbeat = std::thread([this] {
    c10::intrusive_ptr<c10d::TCPStore> beat;
    try {
      beat = connectStore(config.host, config.port, false, config.worldSize, kDiagnoseTimeout);
    } catch (const std::exception&) {
      return;  // the others will see this rank as stopped only if it really stops in a collective
    }
    std::unique_lock<std::mutex> lock(mutex);
    while (!stopping) {
      try {
        beat->add(key("alive", config.rank), 1);
      } catch (const std::exception&) {
        return;  // the store (rank 0) is gone; the next collective says so
      }
      wake.wait_for(lock, kHeartbeatPeriod, [this] { return stopping; });
    }
  });
}

void ProcessGroup::Impl::stopHeartbeat() {
  {
    std::lock_guard<std::mutex> lock(mutex);
    stopping = true;
  }
  wake.notify_all();
  if (heartbeat.joinable()) heartbeat.join();
}

// Which rank made a collective fail: one that reported its own failure, one whose heartbeat has
// stopped (it exited, was killed or hangs), or rank 0 when its store cannot be reached.
std::string ProcessGroup::Impl::diagnose() const {
  try {
    auto s = connectStore(config.host, config.port, false, config.worldSize, kDiagnoseTimeout);
    std::vector<std::string> reported;
    for (int r = 0; r < config.worldSize; ++r) {
      if (r == config.rank || !s->check({key("error", r)})) continue;
      const auto bytes = s->get(key("error", r));
      reported.push_back("rank " + std::to_string(r) + " failed: " + std::string(bytes.begin(), bytes.end()));
    }
    if (!reported.empty()) {
      std::string out;
      for (const auto& line : reported) out += (out.empty() ? "" : "; ") + line;
      return out;
    }
    std::vector<std::int64_t> before(std::size_t(config.worldSize));
    for (int r = 0; r < config.worldSize; ++r) before[std::size_t(r)] = s->add(key("alive", r), 0);
    std::this_thread::sleep_for(kStallWindow);
    std::vector<int> stalled;
    for (int r = 0; r < config.worldSize; ++r)
      if (r != config.rank && s->add(key("alive", r), 0) == before[std::size_t(r)]) stalled.push_back(r);
    if (!stalled.empty()) {
      return listRanks(stalled) + " stopped responding (exited, was killed or hangs: no heartbeat for " +
             std::to_string(kStallWindow.count()) + " ms)";
    }
    return "every rank is still alive, but one did not take part within " + std::to_string(int(config.timeoutSeconds)) +
           " s (a rank much slower than the others? see --dist-timeout)";
  } catch (const std::exception&) {
    return "rank 0 (which hosts the rendezvous at " + where() + ") cannot be reached: it exited, was killed or " +
           "its machine is unreachable";
  }
}

void ProcessGroup::Impl::fail(const std::string& what, const std::exception& e) const {
  throw DistributedError(me() + ": " + what + " failed: " + diagnose() + " [" + backend + ": " + firstLine(e) + "]");
}

template <class Op>
void ProcessGroup::Impl::collective(const std::string& what, std::int64_t bytes, Op op) {
  const auto start = Clock::now();
  try {
    op();
  } catch (const std::exception& e) {
    fail(what, e);
  }
  commSeconds += std::chrono::duration<double>(Clock::now() - start).count();
  commBytes += bytes;
}

ProcessGroup::ProcessGroup(const DistributedConfig& config) : m(std::make_unique<Impl>()) {
  config.validate();
  m->config = config;
  m->rendezvous();
  m->startHeartbeat();
}

ProcessGroup::~ProcessGroup() {
  m->stopHeartbeat();
  m->group.reset();
  m->store.reset();
}

int ProcessGroup::rank() const { return m->config.rank; }
int ProcessGroup::worldSize() const { return m->config.worldSize; }
int ProcessGroup::port() const { return m->config.port; }
std::string ProcessGroup::backend() const { return m->backend; }
double ProcessGroup::communicationSeconds() const { return m->commSeconds; }
std::int64_t ProcessGroup::communicationBytes() const { return m->commBytes; }

namespace {

// One buffer holding all tensors, so a collective is one message instead of one per parameter.
at::Tensor pack(const std::vector<at::Tensor>& tensors) {
  if (tensors.empty()) throw std::invalid_argument("distributed: nothing to exchange");
  std::int64_t n = 0;
  for (const auto& t : tensors) {
    if (t.scalar_type() != tensors.front().scalar_type() || t.device() != tensors.front().device())
      throw std::invalid_argument("distributed: the exchanged tensors differ in type or device");
    n += t.numel();
  }
  auto buffer = at::empty({n}, tensors.front().options());
  std::int64_t offset = 0;
  for (const auto& t : tensors) {
    buffer.narrow(0, offset, t.numel()).copy_(t.reshape({-1}));
    offset += t.numel();
  }
  return buffer;
}

void unpack(const at::Tensor& buffer, const std::vector<at::Tensor>& tensors) {
  torch::NoGradGuard noGrad;
  std::int64_t offset = 0;
  for (const auto& t : tensors) {
    t.copy_(buffer.narrow(0, offset, t.numel()).view(t.sizes()));
    offset += t.numel();
  }
}

}  // namespace

void ProcessGroup::allReduceSum(const std::vector<at::Tensor>& tensors, const std::string& what) {
  std::vector<at::Tensor> buffer{pack(tensors)};
  m->collective(what, buffer[0].nbytes(), [&] { m->group->allreduce(buffer)->wait(); });
  unpack(buffer[0], tensors);
}

void ProcessGroup::broadcast(const std::vector<at::Tensor>& tensors, int root, const std::string& what) {
  std::vector<at::Tensor> buffer{pack(tensors)};
  c10d::BroadcastOptions options;
  options.rootRank = root;
  m->collective(what, buffer[0].nbytes(), [&] { m->group->broadcast(buffer, options)->wait(); });
  unpack(buffer[0], tensors);
}

void ProcessGroup::barrier(const std::string& what) {
  // An all-reduce of one number: unlike Gloo's barrier it also works with NCCL without a device hint.
  auto one = at::ones({1}, at::TensorOptions().dtype(at::kFloat).device(m->config.device));
  allReduceSum({one}, what);
}

void ProcessGroup::reportFailure(const std::string& message) noexcept {
  try {
    auto s = connectStore(m->config.host, m->config.port, false, m->config.worldSize, kDiagnoseTimeout);
    s->set(key("error", m->config.rank), std::vector<std::uint8_t>(message.begin(), message.end()));
  } catch (...) {
    // The store is gone too; the others see this rank stop.
  }
}

BatchShard batchShard(std::int64_t batch, int rank, int worldSize) {
  if (worldSize < 1 || rank < 0 || rank >= worldSize) throw std::invalid_argument("distributed: bad rank");
  if (batch < worldSize) {
    throw std::invalid_argument("the batch (" + std::to_string(batch) + ") must have at least one row per rank (" +
                                std::to_string(worldSize) + " ranks)");
  }
  const std::int64_t base = batch / worldSize, extra = batch % worldSize;
  BatchShard s;
  s.total = batch;
  s.count = base + (rank < extra ? 1 : 0);
  s.begin = rank * base + std::min<std::int64_t>(rank, extra);
  return s;
}

namespace {
thread_local std::shared_ptr<ProcessGroup> t_current;
}

DataParallelScope::DataParallelScope(std::shared_ptr<ProcessGroup> group) : m_previous(std::move(t_current)) {
  t_current = std::move(group);
}
DataParallelScope::~DataParallelScope() { t_current = std::move(m_previous); }
std::shared_ptr<ProcessGroup> currentDataParallelGroup() { return t_current; }

StepExchange exchangeStep(ProcessGroup& group, const std::vector<at::Tensor>& grads, double shardLoss,
                          const BatchShard& shard, bool stopRequested, std::int64_t step) {
  torch::NoGradGuard noGrad;
  std::vector<at::Tensor> parts;
  parts.reserve(grads.size() + 1);
  const double w = shard.weight();
  for (const auto& g : grads) {
    if (w != 1.0) g.mul_(w);  // ∂(shard mean)/∂θ · n_r/B: the sum is ∂(batch mean)/∂θ
    parts.push_back(g);
  }
  auto extra = at::tensor({shardLoss * w, stopRequested ? 1.0 : 0.0}, at::TensorOptions().dtype(at::kDouble))
                   .to(grads.front().options());
  parts.push_back(extra);
  group.allReduceSum(parts, "the gradient all-reduce of step " + std::to_string(step + 1));
  auto values = extra.to(at::kCPU, at::kDouble);
  return StepExchange{values[0].item<double>(), values[1].item<double>() > 0};
}

StepExchange exchangeParameterGradients(ProcessGroup& group, const std::vector<at::Tensor>& parameters,
                                        double shardLoss, const BatchShard& shard, bool stopRequested,
                                        std::int64_t step) {
  std::vector<at::Tensor> grads;
  grads.reserve(parameters.size());
  for (auto p : parameters) {
    if (!p.grad().defined()) p.mutable_grad() = at::zeros_like(p);
    grads.push_back(p.grad());
  }
  return exchangeStep(group, grads, shardLoss, shard, stopRequested, step);
}

void syncInitialState(ProcessGroup& group, const std::vector<at::Tensor>& tensors, std::int64_t step) {
  // Every rank's step, as a one-hot sum (on the tensors' device: NCCL exchanges CUDA tensors only).
  auto onehot = at::zeros({group.worldSize()}, at::TensorOptions().dtype(at::kDouble));
  onehot[group.rank()] = double(step);
  auto exchanged = onehot.to(tensors.empty() ? at::Device(at::kCPU) : tensors.front().device());
  group.allReduceSum({exchanged}, "the start of training");
  auto steps = exchanged.to(at::kCPU);
  for (int r = 1; r < group.worldSize(); ++r) {
    const auto other = static_cast<std::int64_t>(steps[r].item<double>());
    const auto first = static_cast<std::int64_t>(steps[0].item<double>());
    if (other != first) {
      throw DistributedError("rank " + std::to_string(group.rank()) + ": rank " + std::to_string(r) +
                             " starts at step " + std::to_string(other) + " but rank 0 at step " +
                             std::to_string(first) + " (every rank must --resume from the same checkpoint)");
    }
  }
  if (!tensors.empty()) group.broadcast(tensors, 0, "the broadcast of rank 0's weights");
}

}  // namespace ds
