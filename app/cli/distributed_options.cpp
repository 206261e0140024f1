#include "app/cli/distributed_options.h"

#include "app/cli/cli_common.h"

#include "core/runtime/progress.h"

#include <torch/torch.h>

#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <thread>
#include <vector>

namespace dscli {

namespace {

bool given(const DistributedOptions& o, const char* name) {
  return o.cmd != nullptr && o.cmd->get_option(name)->count() > 0;
}

// A whole decimal number from the environment (a UsageError naming the variable otherwise).
int envInt(const char* name, const char* value, int lo, int hi) {
  const std::string text = value;
  if (text.empty() || text.size() > 9 || text.find_first_not_of("0123456789") != std::string::npos)
    throw UsageError(name, "\"" + text + "\" is not a whole number");
  const int v = std::stoi(text);
  if (v < lo || v > hi)
    throw UsageError(name, "must be " + std::to_string(lo) + ".." + std::to_string(hi) + ", got " + text);
  return v;
}

DistributedPlan planFromEnvironment(const DistributedOptions& o) {
  DistributedPlan plan;
  const char* world = std::getenv("WORLD_SIZE");
  if (!world) return plan;
  const char* rank = std::getenv("RANK");
  const char* addr = std::getenv("MASTER_ADDR");
  const char* port = std::getenv("MASTER_PORT");
  for (const auto& [name, value] : {std::pair{"RANK", rank}, {"MASTER_ADDR", addr}, {"MASTER_PORT", port}}) {
    if (!value)
      throw UsageError(name, "is not set, but WORLD_SIZE is (set WORLD_SIZE, RANK, MASTER_ADDR and MASTER_PORT)");
  }
  plan.config.worldSize = envInt("WORLD_SIZE", world, 1, 1024);
  plan.config.rank = envInt("RANK", rank, 0, plan.config.worldSize - 1);
  plan.config.host = addr;
  if (plan.config.host.empty()) throw UsageError("MASTER_ADDR", "is empty");
  plan.config.port = envInt("MASTER_PORT", port, 1, 65535);
  plan.config.timeoutSeconds = o.timeout;
  if (plan.config.worldSize > 1) plan.mode = DistributedPlan::Mode::Rank;
  return plan;
}

}  // namespace

void addDistributedOptions(CLI::App* cmd, DistributedOptions& o) {
  o.cmd = cmd;
  const char* group = "Data-parallel training (docs/distributed.md)";
  cmd->add_option("--nproc", o.nproc, "Train with N processes on this machine (each takes batch/N rows of every batch)")
      ->type_name("N")
      ->group(group);
  cmd->add_option("--world-size", o.worldSize, "Number of ranks in a run across machines")
      ->type_name("W")
      ->group(group);
  cmd->add_option("--rank", o.rank, "This process's rank, 0..W-1 (rank 0 hosts the rendezvous and writes --out)")
      ->type_name("R")
      ->group(group);
  cmd->add_option("--rendezvous", o.rendezvous, "Rank 0's address and a free port, e.g. 192.168.1.10:29500")
      ->type_name("HOST:PORT")
      ->group(group);
  cmd->add_option("--dist-timeout", o.timeout,
                  "Seconds a rank waits for the others (at the start and in every step) before it stops")
      ->capture_default_str()
      ->type_name("SEC")
      ->group(group);
  cmd->add_option("--local-ranks", o.localRanks)->group("");  // set by --nproc for its ranks
}

DistributedPlan planDistributed(const DistributedOptions& o) {
  if (!(o.timeout >= 1 && o.timeout <= 86400)) throw UsageError("--dist-timeout", "must be 1..86400 seconds");
  const bool rankOptions = given(o, "--world-size") || given(o, "--rank") || given(o, "--rendezvous");
  DistributedPlan plan;
  plan.localRanks = o.localRanks;
  if (given(o, "--nproc")) {
    if (rankOptions)
      throw UsageError("--nproc", "starts its own ranks; give either --nproc or --world-size/--rank/--rendezvous");
    if (o.nproc < 1 || o.nproc > 64) throw UsageError("--nproc", "must be 1..64 processes");
    if (o.nproc > 1) {
      plan.mode = DistributedPlan::Mode::Launch;
      plan.nproc = o.nproc;
      plan.config.timeoutSeconds = o.timeout;
    }
    return plan;
  }
  if (!rankOptions) return planFromEnvironment(o);
  if (!given(o, "--world-size")) throw UsageError("--world-size", "is needed with --rank and --rendezvous");
  if (!given(o, "--rank")) throw UsageError("--rank", "is needed with --world-size (0..W-1, one per process)");
  if (!given(o, "--rendezvous")) {
    throw UsageError("--rendezvous", "is needed with --world-size: rank 0's HOST:PORT (e.g. 192.168.1.10:29500)");
  }
  if (o.worldSize < 1 || o.worldSize > 1024) throw UsageError("--world-size", "must be 1..1024");
  if (o.rank < 0 || o.rank >= o.worldSize)
    throw UsageError("--rank", "must be 0.." + std::to_string(o.worldSize - 1) + " for --world-size " +
                                   std::to_string(o.worldSize) + ", got " + std::to_string(o.rank));
  try {
    ds::parseRendezvous(o.rendezvous, plan.config.host, plan.config.port);
  } catch (const std::invalid_argument& e) {
    throw UsageError("--rendezvous", e.what());
  }
  plan.config.worldSize = o.worldSize;
  plan.config.rank = o.rank;
  plan.config.timeoutSeconds = o.timeout;
  if (o.worldSize > 1) plan.mode = DistributedPlan::Mode::Rank;
  return plan;
}

// ---- --nproc ----------------------------------------------------------------------------------------

namespace {

std::vector<pid_t> g_children;  // read by the signal handler
volatile sig_atomic_t g_interrupted = 0;

void forwardSignal(int sig) {
  if (sig == SIGINT) g_interrupted = 1;
  for (pid_t pid : g_children)
    if (pid > 0) ::kill(pid, sig);
}

// This program's own arguments, from /proc/self/cmdline (main's argv is not ours to keep).
std::vector<std::string> ownArguments() {
  std::ifstream in("/proc/self/cmdline", std::ios::binary);
  const std::string all((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::vector<std::string> args;
  std::size_t start = 0;
  while (start < all.size()) {
    const auto end = all.find('\0', start);
    args.push_back(all.substr(start, end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return args;
}

std::string describeStatus(int status) {
  if (WIFEXITED(status)) return "exited with status " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) {
    const int sig = WTERMSIG(status);
    return "was killed by signal " + std::to_string(sig) + " (" + strsignal(sig) + ")";
  }
  return "ended with status " + std::to_string(status);
}

}  // namespace

void launchLocalRanks(const DistributedPlan& plan, const std::string& command) {
  std::vector<std::string> args = ownArguments();
  if (args.empty()) throw std::runtime_error("--nproc: cannot read this program's arguments");
  std::vector<std::string> rankArgs;
  for (std::size_t i = 1; i < args.size(); ++i) {
    if (args[i] == "--nproc") {
      ++i;  // and its value
      continue;
    }
    if (args[i].rfind("--nproc=", 0) == 0) continue;
    rankArgs.push_back(args[i]);
  }
  const int port = ds::pickFreePort();
  const std::string rendezvous = "127.0.0.1:" + std::to_string(port);
  const bool quiet = globalOptions().quiet;
  if (!quiet) {
    std::fprintf(stderr, "%s: starting %d ranks on this machine (rendezvous %s, timeout %g s)\n", command.c_str(),
                 plan.nproc, rendezvous.c_str(), plan.config.timeoutSeconds);
  }
  std::fflush(stdout);
  std::fflush(stderr);

  struct sigaction forward {
  }, oldInt{}, oldTerm{};
  forward.sa_handler = forwardSignal;
  sigemptyset(&forward.sa_mask);
  g_children.assign(std::size_t(plan.nproc), 0);
  sigaction(SIGINT, &forward, &oldInt);
  sigaction(SIGTERM, &forward, &oldTerm);
  for (int r = 0; r < plan.nproc; ++r) {
    std::vector<std::string> argv = {args[0]};
    argv.insert(argv.end(), rankArgs.begin(), rankArgs.end());
    for (const std::string& a :
         {std::string("--world-size"), std::to_string(plan.nproc), std::string("--rank"), std::to_string(r),
          std::string("--rendezvous"), rendezvous, std::string("--local-ranks"), std::to_string(plan.nproc)})
      argv.push_back(a);
    std::vector<char*> cargv;
    for (auto& a : argv) cargv.push_back(a.data());
    cargv.push_back(nullptr);
    const pid_t pid = ::fork();
    if (pid == 0) {
      // Its own process group: Ctrl-C at the terminal reaches the launcher only, which forwards it
      // once (a second SIGINT would kill a rank before it writes the checkpoint).
      ::setpgid(0, 0);
      ::execv("/proc/self/exe", cargv.data());
      std::fprintf(stderr, "%s: cannot start rank %d: %s\n", command.c_str(), r, std::strerror(errno));
      std::_Exit(127);
    }
    if (pid < 0) {
      std::fprintf(stderr, "%s: cannot start rank %d: %s\n", command.c_str(), r, std::strerror(errno));
      forwardSignal(SIGTERM);
      break;
    }
    g_children[std::size_t(r)] = pid;
  }

  // Wait for every rank. After the first failure the others stop by themselves within the timeout
  // (they cannot reach the failed rank); a rank still running well after that is killed.
  using Clock = std::chrono::steady_clock;
  std::vector<int> status(g_children.size(), -1);
  int firstFailure = -1, exitCode = kExitOk;
  Clock::time_point killAt = Clock::time_point::max();
  bool killed = false;
  std::size_t running = 0;
  for (pid_t pid : g_children) running += pid > 0 ? 1 : 0;
  if (running < g_children.size()) exitCode = kExitFailure;
  while (running > 0) {
    int st = 0;
    const pid_t pid = ::waitpid(-1, &st, WNOHANG);
    if (pid > 0) {
      const auto it = std::find(g_children.begin(), g_children.end(), pid);
      if (it == g_children.end()) continue;
      const int r = int(it - g_children.begin());
      status[std::size_t(r)] = st;
      *it = -pid;  // no more signals to this pid
      --running;
      const bool ok = WIFEXITED(st) && WEXITSTATUS(st) == 0;
      const bool interrupted = g_interrupted && WIFEXITED(st) && WEXITSTATUS(st) == kExitInterrupted;
      if (!ok && !interrupted) {
        std::fprintf(stderr, "%s: rank %d (pid %d) %s\n", command.c_str(), r, int(pid), describeStatus(st).c_str());
        if (firstFailure < 0) {
          firstFailure = r;
          exitCode = WIFEXITED(st)                             ? WEXITSTATUS(st)
                     : WTERMSIG(st) == SIGINT && g_interrupted ? kExitInterrupted
                                                               : kExitFailure;
          killAt = Clock::now() + std::chrono::milliseconds(std::int64_t((plan.config.timeoutSeconds + 15) * 1000));
        }
      }
      continue;
    }
    if (pid < 0 && errno != EINTR) break;
    if (!killed && Clock::now() > killAt) {
      for (std::size_t r = 0; r < g_children.size(); ++r) {
        if (g_children[r] > 0) {
          std::fprintf(stderr, "%s: rank %zu did not stop after rank %d failed; killing it\n", command.c_str(), r,
                       firstFailure);
        }
      }
      forwardSignal(SIGKILL);
      killed = true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  sigaction(SIGINT, &oldInt, nullptr);
  sigaction(SIGTERM, &oldTerm, nullptr);
  // Ranks that stopped on Ctrl-C exit 130 after rank 0 wrote the checkpoint; so does the launcher.
  if (g_interrupted && (exitCode == kExitOk || exitCode == kExitInterrupted)) exitCode = kExitInterrupted;
  if (exitCode == kExitOk && !quiet) std::fprintf(stderr, "%s: all %d ranks finished\n", command.c_str(), plan.nproc);
  std::fflush(stdout);
  std::fflush(stderr);
  std::exit(exitCode);
}

// ---- a rank --------------------------------------------------------------------------------------

RankSession::RankSession(const DistributedPlan& plan, const c10::Device& device, int threadsOption) {
  if (plan.mode != DistributedPlan::Mode::Rank) return;
  ds::DistributedConfig config = plan.config;
  config.device = device;
  try {
    config.validate();
  } catch (const std::invalid_argument& e) {
    throw UsageError(device.is_cpu() ? "--rendezvous" : "--device", e.what());
  }
  if (plan.localRanks > 0 && threadsOption == 0) {
    // Ranks started by --nproc share this machine's cores.
    const int cores = int(std::max(1u, std::thread::hardware_concurrency()));
    torch::set_num_threads(std::max(1, cores / plan.localRanks));
  }
  if (config.rank > 0) globalOptions().quiet = true;  // progress, loss and results come from rank 0
  m_group = std::make_shared<ds::ProcessGroup>(config);
  m_scope = std::make_unique<ds::DataParallelScope>(m_group);
  if (!globalOptions().quiet) {
    std::fprintf(stderr, "rank 0 of %d (%s, rendezvous %s:%d, intra-op threads per rank: %d)\n", config.worldSize,
                 m_group->backend().c_str(), config.host.c_str(), config.port, torch::get_num_threads());
  }
}

RankSession::~RankSession() = default;

void RankSession::reportCurrentException() noexcept {
  if (!m_group) return;
  try {
    throw;
  } catch (const ds::DistributedError&) {
    // A failure of the group itself: the others see it the same way.
  } catch (const ds::Cancelled&) {
  } catch (const std::exception& e) {
    m_group->reportFailure(e.what());
  } catch (...) {
    m_group->reportFailure("an unknown error");
  }
}

bool isMainRank() {
  const auto group = ds::currentDataParallelGroup();
  return !group || group->rank() == 0;
}

void endOfTraining() {
  if (const auto group = ds::currentDataParallelGroup()) group->barrier("the end of training");
}

}  // namespace dscli
