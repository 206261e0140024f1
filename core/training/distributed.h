#pragma once
// Data-parallel training on LibTorch's c10d: a process group of N ranks (one process each, or one
// thread each in tests) that meet through a c10d::TCPStore hosted by rank 0, and exchange tensors
// with ProcessGroupGloo on the CPU or ProcessGroupNCCL on CUDA (only when this LibTorch build has
// NCCL). The c10d and gloo headers stay inside distributed.cpp.
//
// How the trainers use it (core/training/trainer.cpp, imagetrainer.cpp, classifiertrainer.cpp):
// every rank draws the whole global batch of step k from the step's seeded generator and trains on
// its own contiguous share of the rows (batchShard); after the backward pass the gradients, each
// weighted by the rank's share of the batch, are summed over the ranks (exchangeStep), so N ranks
// with B/N rows each take the same optimiser step as one process with B rows, up to the order of
// floating-point sums. Rank 0's weights are broadcast before the first step.
//
// Faults: every collective waits at most the configured timeout. When one fails (a peer died,
// hung or cannot be reached) the error is a DistributedError that names the rank: each rank beats a
// heartbeat counter in the store, and the survivor looks which counters stopped (and which rank
// reported its own failure with reportFailure).

#include <ATen/core/Tensor.h>
#include <c10/core/Device.h>

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace ds {

class DistributedError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct DistributedConfig {
  int worldSize = 1;
  int rank = 0;
  std::string host = "127.0.0.1";               // where rank 0 hosts the rendezvous store
  int port = 29500;                             // 0: rank 0 picks a free port (one process, ranks as threads)
  double timeoutSeconds = 60;                   // rendezvous and every collective
  c10::Device device = c10::Device(c10::kCPU);  // CPU: Gloo; CUDA: NCCL

  void validate() const;  // std::invalid_argument naming the bad field
};

// A TCP port that is free on this machine now (the kernel's choice), for a local run's rendezvous.
int pickFreePort();

// "HOST:PORT" → host and port (std::invalid_argument saying what is wrong).
void parseRendezvous(const std::string& text, std::string& host, int& port);

class ProcessGroup {
 public:
  // Meets the other ranks: rank 0 starts the store, every rank registers and waits (at most the
  // timeout) until all have come. Throws DistributedError naming the ranks that did not come, or
  // saying that the rendezvous cannot be reached.
  explicit ProcessGroup(const DistributedConfig& config);
  ~ProcessGroup();
  ProcessGroup(const ProcessGroup&) = delete;
  ProcessGroup& operator=(const ProcessGroup&) = delete;

  int rank() const;
  int worldSize() const;
  int port() const;             // the store's port (the one picked when the config said 0)
  std::string backend() const;  // "gloo" or "nccl"

  // Sums the tensors over all ranks, in place, as one message (packed into one buffer). `what`
  // names the operation in errors, e.g. "the gradients of step 12".
  void allReduceSum(const std::vector<at::Tensor>& tensors, const std::string& what);
  // Overwrites the tensors with rank `root`'s, as one message.
  void broadcast(const std::vector<at::Tensor>& tensors, int root, const std::string& what);
  void barrier(const std::string& what);

  // Tells the other ranks why this one stops (shown in their error); never throws.
  void reportFailure(const std::string& message) noexcept;

  // Time spent in collectives and bytes this rank sent into them (the packed buffers), so far.
  double communicationSeconds() const;
  std::int64_t communicationBytes() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> m;
};

// The rows [begin, begin + count) of a global batch of `batch` rows that `rank` of `worldSize`
// trains on: contiguous, sizes differ by at most one. Throws std::invalid_argument when batch <
// worldSize.
struct BatchShard {
  std::int64_t begin = 0, count = 0, total = 0;
  double weight() const { return double(count) / double(total); }  // its share of the batch mean
};
BatchShard batchShard(std::int64_t batch, int rank, int worldSize);

// The data-parallel group the trainers constructed on this thread use while a scope is alive (like
// torch::NoGradGuard). It keeps the trainer headers, which many files include, free of it.
class DataParallelScope {
 public:
  explicit DataParallelScope(std::shared_ptr<ProcessGroup> group);
  ~DataParallelScope();
  DataParallelScope(const DataParallelScope&) = delete;
  DataParallelScope& operator=(const DataParallelScope&) = delete;

 private:
  std::shared_ptr<ProcessGroup> m_previous;
};
std::shared_ptr<ProcessGroup> currentDataParallelGroup();  // nullptr: one process

// After a rank's backward pass: sums grads · weight, the shard's mean loss · weight and the ranks'
// stop requests over the group, in one message. The gradients are replaced by the batch's.
struct StepExchange {
  double loss = 0;    // the mean loss of the whole global batch
  bool stop = false;  // some rank was asked to stop (Ctrl-C): all stop after this step
};
StepExchange exchangeStep(ProcessGroup& group, const std::vector<at::Tensor>& grads, double shardLoss,
                          const BatchShard& shard, bool stopRequested, std::int64_t step);

// The same for a torch::nn::Module's parameters: their .grad (made zeros where a parameter got none).
StepExchange exchangeParameterGradients(ProcessGroup& group, const std::vector<at::Tensor>& parameters,
                                        double shardLoss, const BatchShard& shard, bool stopRequested,
                                        std::int64_t step);

// Overwrites the tensors with rank 0's and checks that every rank is at the same step (a rank
// resumed from another checkpoint is an error naming it).
void syncInitialState(ProcessGroup& group, const std::vector<at::Tensor>& tensors, std::int64_t step);

}  // namespace ds
