// ComputeContext without widgets: the real machine (auto is the CPU where there is no CUDA; asking
// for CUDA there falls back with a message) and a stand-in machine with a GPU.

#include "ui/computecontext.h"

#include "core/runtime/device.h"

#include <QSignalSpy>

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

using ds::ui::ComputeContext;

namespace {

// A machine with one GPU, as the context sees it.
ComputeContext::Backend machineWithAGpu() {
  ComputeContext::Backend b;
  b.cudaAvailable = [] { return true; };
  b.choose = [](const std::string& p) {
    if (p == "cpu") return c10::Device(c10::kCPU);
    if (p == "auto" || p == "cuda" || p == "cuda:0") return c10::Device(c10::kCUDA, 0);
    throw std::runtime_error("device \"" + p + "\": only 1 CUDA device(s) present");
  };
  b.describe = [](const c10::Device& d) {
    return d.is_cuda() ? std::string("CUDA:0 Stand-in") : std::string("CPU (4 threads)");
  };
  return b;
}

}  // namespace

TEST(ComputeContext, AutoIsCudaOnlyWhereCudaIs) {
  ComputeContext context;
  EXPECT_EQ(context.preference(), QStringLiteral("auto"));
  EXPECT_EQ(context.device().is_cuda(), ds::cudaAvailable());
  EXPECT_EQ(context.isCudaAvailable(), ds::cudaAvailable());
  EXPECT_EQ(context.deviceName().toStdString(), ds::describeDevice(context.device()));
  if (!ds::cudaAvailable()) {
    EXPECT_TRUE(context.device().is_cpu());
  }
}

TEST(ComputeContext, CudaOnAMachineWithoutItFallsBackToTheCpuWithAMessage) {
  if (ds::cudaAvailable()) GTEST_SKIP() << "this machine has CUDA";
  ComputeContext context;
  QSignalSpy changed(&context, &ComputeContext::deviceChanged);
  QString message;
  EXPECT_FALSE(context.setPreference(QStringLiteral("cuda"), &message));
  EXPECT_TRUE(context.device().is_cpu());
  EXPECT_TRUE(message.contains(QStringLiteral("CUDA is not available"))) << message.toStdString();
  EXPECT_TRUE(message.contains(QStringLiteral("CPU"))) << message.toStdString();
  EXPECT_EQ(changed.count(), 0);  // it was the CPU before and is the CPU now
}

TEST(ComputeContext, ChoosesAndReportsTheDevice) {
  ComputeContext context(machineWithAGpu());
  EXPECT_TRUE(context.device().is_cuda());  // auto, with a GPU
  QSignalSpy changed(&context, &ComputeContext::deviceChanged);
  QString message;
  EXPECT_TRUE(context.setPreference(QStringLiteral(" CPU "), &message));
  EXPECT_TRUE(message.isEmpty());
  EXPECT_EQ(context.preference(), QStringLiteral("cpu"));
  EXPECT_EQ(context.device(), c10::Device(c10::kCPU));
  EXPECT_EQ(context.deviceName(), QStringLiteral("CPU (4 threads)"));
  ASSERT_EQ(changed.count(), 1);
  EXPECT_EQ(changed.at(0).at(0).toString(), QStringLiteral("CPU (4 threads)"));

  EXPECT_TRUE(context.setPreference(QStringLiteral("cuda:0")));
  EXPECT_EQ(context.device(), c10::Device(c10::kCUDA, 0));
  EXPECT_EQ(changed.count(), 2);
  EXPECT_TRUE(context.setPreference(QStringLiteral("cuda")));  // the same device: no change signal
  EXPECT_EQ(changed.count(), 2);
}

TEST(ComputeContext, AGpuThatIsNotThereFallsBackToTheCpu) {
  ComputeContext context(machineWithAGpu());
  QString message;
  EXPECT_FALSE(context.setPreference(QStringLiteral("cuda:3"), &message));
  EXPECT_TRUE(context.device().is_cpu());
  EXPECT_TRUE(message.contains(QStringLiteral("only 1 CUDA device"))) << message.toStdString();
}

TEST(ComputeContext, AnUnknownNameChangesNothing) {
  ComputeContext context(machineWithAGpu());
  QSignalSpy changed(&context, &ComputeContext::deviceChanged);
  QString message;
  EXPECT_FALSE(context.setPreference(QStringLiteral("tpu"), &message));
  EXPECT_TRUE(message.contains(QStringLiteral("tpu"))) << message.toStdString();
  EXPECT_EQ(context.preference(), QStringLiteral("auto"));
  EXPECT_TRUE(context.device().is_cuda());
  EXPECT_EQ(changed.count(), 0);
}

TEST(ComputeContext, ValidNamesAreTheOnesCoreAccepts) {
  for (const char* ok : {"auto", "cpu", "cuda", "cuda:0", "CUDA:12", " Auto ", ""})
    EXPECT_TRUE(ComputeContext::isValidPreference(QString::fromLatin1(ok))) << ok;
  for (const char* bad : {"gpu", "cuda:", "cuda:x", "cuda:-1", "cuda:+1", "cuda:12345", "cpu:0", "cuda 0"})
    EXPECT_FALSE(ComputeContext::isValidPreference(QString::fromLatin1(bad))) << bad;
}
