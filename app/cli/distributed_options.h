#pragma once
// The data-parallel options of the training commands (train, train-images, train-classifier,
// train-inpainter), see docs/distributed.md:
//
//   --nproc N                       start N local ranks (this program, re-run with the rank options)
//   --world-size W --rank R --rendezvous HOST:PORT
//                                   be rank R of W; rank 0 hosts the rendezvous on PORT
//   WORLD_SIZE, RANK, MASTER_ADDR, MASTER_PORT
//                                   the same from the environment (PyTorch's names)
//   --dist-timeout SEC              how long a rank waits for the others (rendezvous, every step)
//
// A command checks its own options, then asks planDistributed; --nproc runs launchLocalRanks
// (which does not return), a rank joins with RankSession before it loads anything big.

#include "core/training/distributed.h"

#include <c10/core/Device.h>

#include <CLI/CLI.hpp>

#include <memory>
#include <string>

namespace dscli {

struct DistributedOptions {
  int nproc = 0;
  int worldSize = 0;
  int rank = -1;
  std::string rendezvous;
  double timeout = 60;
  int localRanks = 0;  // hidden: set by --nproc for its ranks (they share this machine's cores)
  CLI::App* cmd = nullptr;
};

void addDistributedOptions(CLI::App* cmd, DistributedOptions& options);

struct DistributedPlan {
  enum class Mode { Single, Launch, Rank } mode = Mode::Single;
  int nproc = 0;                 // Launch
  ds::DistributedConfig config;  // Rank
  int localRanks = 0;
};

// What the options (or else the environment) ask for. Throws UsageError naming the option or the
// environment variable.
DistributedPlan planDistributed(const DistributedOptions& options);

// --nproc N: runs this program N times with --world-size N --rank R --rendezvous 127.0.0.1:PORT (a
// free port) instead of --nproc, forwards Ctrl-C, waits for all and exits with their status: 0 when
// every rank succeeded, else the first failure's (a rank killed by a signal counts as 1), after
// saying which rank failed. Ranks still running --dist-timeout + 15 s after a failure are killed.
[[noreturn]] void launchLocalRanks(const DistributedPlan& plan, const std::string& command);

// A rank's part of the run: joins the group (exit 1 with the message when the others do not come),
// makes it the trainers' group (ds::DataParallelScope) and silences ranks other than 0. When the
// work throws, the other ranks are told why before the exception goes on.
class RankSession {
 public:
  RankSession(const DistributedPlan& plan, const c10::Device& device, int threadsOption);
  ~RankSession();
  RankSession(const RankSession&) = delete;
  RankSession& operator=(const RankSession&) = delete;

  template <class Work>
  void run(Work&& work) {
    try {
      work();
    } catch (...) {
      reportCurrentException();
      throw;
    }
  }

 private:
  void reportCurrentException() noexcept;
  std::shared_ptr<ds::ProcessGroup> m_group;
  std::unique_ptr<ds::DataParallelScope> m_scope;
};

// True in one-process runs and on rank 0: the rank that writes files and prints results.
bool isMainRank();
// After rank 0 wrote the checkpoint: every rank waits for the others, so all report the same end.
void endOfTraining();

}  // namespace dscli
