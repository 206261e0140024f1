#include "core/models/denoiser.h"
#include "core/runtime/atomicfile.h"
#include "core/runtime/device.h"
#include "core/runtime/fileread.h"
#include "core/runtime/progress.h"
#include "core/runtime/rng.h"
#include "core/sampling/sampler.h"

#include <ATen/ATen.h>
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

TEST(Runtime, ChoosesDevices) {
  EXPECT_TRUE(ds::chooseDevice("cpu").is_cpu());
  EXPECT_TRUE(ds::chooseDevice(" CPU ").is_cpu());
  const auto automatic = ds::chooseDevice("auto");
  EXPECT_EQ(automatic.is_cuda(), ds::cudaAvailable());
  EXPECT_THROW(ds::chooseDevice("tpu"), std::invalid_argument);
  EXPECT_THROW(ds::chooseDevice("cuda:x"), std::invalid_argument);
  if (ds::cudaAvailable()) {
    EXPECT_TRUE(ds::chooseDevice("cuda").is_cuda());
    EXPECT_THROW(ds::chooseDevice("cuda:999"), std::runtime_error);
    EXPECT_NE(ds::describeDevice(ds::chooseDevice("cuda")).find("CUDA"), std::string::npos);
  } else {
    EXPECT_THROW(ds::chooseDevice("cuda"), std::runtime_error);
  }
  EXPECT_NE(ds::describeDevice(ds::chooseDevice("cpu")).find("CPU"), std::string::npos);
}

TEST(Runtime, GeneratorsAreSeededAndPrivate) {
  auto a = ds::makeGenerator(17, at::kCPU), b = ds::makeGenerator(17, at::kCPU);
  const auto x = at::randn({8}, a), y = at::randn({8}, b);
  EXPECT_TRUE(at::equal(x, y));
  EXPECT_FALSE(at::equal(at::randn({8}, a), x));
  auto c = ds::makeGenerator(18, at::kCPU);
  EXPECT_FALSE(at::equal(at::randn({8}, c), x));
}

TEST(Runtime, CancelTokenIsShared) {
  ds::CancelToken token;
  const ds::CancelToken copy = token;
  EXPECT_FALSE(copy.isCancelled());
  token.cancel();
  EXPECT_TRUE(copy.isCancelled());
  copy.reset();
  EXPECT_FALSE(token.isCancelled());
}

// On a CUDA machine: the sampler runs on the GPU and agrees with the exact mixture statistics;
// the CPU-only build skips it.
TEST(Runtime, SamplerRunsOnCuda) {
  if (!ds::cudaAvailable()) GTEST_SKIP() << "no CUDA device";
  const auto data = ds::GaussianMixture::parse("0.5:-2:0.4;0.5:2:0.4");
  const ds::NoiseSchedule schedule(ds::ScheduleSpec{ds::ScheduleKind::Linear, 100, {}, {}});
  const ds::ExactMixtureDenoiser model(data, schedule);
  ds::SampleRequest r;
  r.n = 20000;
  r.sampleShape = {1};
  r.device = ds::chooseDevice("cuda");
  r.seed = 3;
  const auto x = ds::sample(model, schedule, r).final();
  EXPECT_TRUE(x.device().is_cpu());
  EXPECT_NEAR(x.mean().item<double>(), 0.0, 0.05);
  EXPECT_NEAR(x.var().item<double>(), 4.16, 0.15);
  EXPECT_TRUE(at::equal(x, ds::sample(model, schedule, r).final()));
}

// Atomic writes (core/runtime/atomicfile): what may be replaced, the mode kept, the temporary file.
namespace {

namespace fs = std::filesystem;

// A fresh folder per test, removed at the end.
struct TempFolder {
  fs::path dir;
  explicit TempFolder(const std::string& name)
      : dir(fs::temp_directory_path() / ("ds_test_atomic_" + name + "_" + std::to_string(::getpid()))) {
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  ~TempFolder() { fs::remove_all(dir); }
  std::string operator/(const std::string& name) const { return (dir / name).string(); }
  std::vector<std::string> names() const {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
  }
};

std::string readAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

TEST(AtomicFile, RefusesToReplaceAPipeOrAFolder) {
  TempFolder tmp("pipe");
  const std::string fifo = tmp / "pipe";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0644), 0);
  try {
    ds::writeFileAtomically(fifo, "x\n1\n");
    FAIL() << "a FIFO was replaced";
  } catch (const ds::AtomicWriteError& e) {
    EXPECT_NE(std::string(e.what()).find("not a regular file"), std::string::npos) << e.what();
  }
  EXPECT_TRUE(fs::is_fifo(fifo));  // still the pipe, not a regular file in its place
  EXPECT_THROW(ds::writeFileAtomically(tmp.dir.string(), "x"), ds::AtomicWriteError);
  EXPECT_EQ(tmp.names(), std::vector<std::string>{"pipe"});  // no temporary file left
}

TEST(AtomicFile, WritesThroughASymlinkAndRefusesADanglingOne) {
  TempFolder tmp("link");
  fs::create_directories(tmp.dir / "real");
  const std::string file = tmp / "real/model.ckpt", link = tmp / "model.ckpt";
  ds::writeFileAtomically(file, "old");
  fs::create_symlink("real/model.ckpt", link);
  ds::writeFileAtomically(link, "new");
  EXPECT_TRUE(fs::is_symlink(link));  // the link stays a link ...
  EXPECT_EQ(readAll(file), "new");    // ... and the file it points at has the new content
  EXPECT_EQ(tmp.names(), (std::vector<std::string>{"model.ckpt", "real"}));

  const std::string dangling = tmp / "dangling";
  fs::create_symlink("nowhere/x.ckpt", dangling);
  EXPECT_THROW(ds::writeFileAtomically(dangling, "x"), ds::AtomicWriteError);
  EXPECT_TRUE(fs::is_symlink(dangling));
}

TEST(AtomicFile, KeepsThePermissionModeOfAReplacedFile) {
  TempFolder tmp("mode");
  const std::string path = tmp / "secret.csv";
  ds::writeFileAtomically(path, "x\n1\n");
  ASSERT_EQ(::chmod(path.c_str(), 0640), 0);
  ds::writeFileAtomically(path, "x\n2\n");
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0640u);
  EXPECT_EQ(readAll(path), "x\n2\n");
  // A new file gets the usual 0666 less the umask.
  const mode_t old = ::umask(022);
  ds::writeFileAtomically(tmp / "new.csv", "x");
  ::umask(old);
  ASSERT_EQ(::stat((tmp / "new.csv").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0644u);
}

TEST(AtomicFile, TwoWritersOfOneTargetUseTheirOwnHiddenTemporaryFiles) {
  TempFolder tmp("unique");
  const std::string path = tmp / "out.csv";
  const std::regex pattern(R"(\.out\.csv\.[0-9A-Za-z]{6}\.tmp)");
  std::vector<std::string> seen;
  ds::writeFileAtomically(path, [&](std::ostream& out) {
    out << "first";
    // A second writer of the same target while the first is open (two runs, one --out).
    EXPECT_THROW(ds::writeFileAtomically(path,
                                         [&](std::ostream& inner) {
                                           inner << "second";
                                           seen = tmp.names();
                                           throw std::runtime_error("interrupted");
                                         }),
                 std::runtime_error);
  });
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_NE(seen[0], seen[1]);
  for (const auto& name : seen) EXPECT_TRUE(std::regex_match(name, pattern)) << name;
  EXPECT_EQ(readAll(path), "first");  // the one that succeeded, not the other's content
  EXPECT_EQ(tmp.names(), std::vector<std::string>{"out.csv"});
}

// ---- bounded reads (issue 13: --points /dev/zero, --model /dev/zero read without limit) ----------

namespace {

std::string scratch(const std::string& name) {
  return (std::filesystem::temp_directory_path() / ("ds-fileread-" + std::to_string(::getpid()) + "-" + name)).string();
}

std::string readError(const std::string& path, std::uint64_t cap) {
  try {
    ds::readFileLimited(path, cap, "a test file");
  } catch (const ds::FileReadError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST(FileRead, ReadsFilesAndNamesWhatIsNotAFile) {
  const auto file = scratch("ok.txt");
  std::ofstream(file) << "x,y\n1,2\n";
  EXPECT_EQ(ds::readFileLimited(file, 100, "a test file"), "x,y\n1,2\n");
  EXPECT_EQ(readError(file, 7), file + ": larger than 7 bytes, the most a test file can be");
  EXPECT_EQ(readError(std::filesystem::temp_directory_path().string(), 100),
            std::filesystem::temp_directory_path().string() + ": is a folder, not a file");
  EXPECT_EQ(readError("/dev/zero", 100), "/dev/zero: is a device, not a file");
  EXPECT_EQ(readError(file + ".missing", 100), file + ".missing: no such file");
  EXPECT_EQ(readError("", 100), "an empty file name");
  std::filesystem::remove(file);
}

// A pipe has no size to check up front: the read stops at the cap instead of growing.
TEST(FileRead, APipeIsReadUpToTheCap) {
  const auto fifo = scratch("fifo");
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  ::signal(SIGPIPE, SIG_IGN);  // the writer's last write fails instead of killing the test
  std::thread writer([&] {
    std::ofstream out(fifo, std::ios::binary);
    const std::string block(1 << 16, 'z');
    for (int i = 0; i < 64 && out; ++i) out.write(block.data(), static_cast<std::streamsize>(block.size()));
  });
  const std::string error = readError(fifo, 1 << 20);
  writer.join();  // the writer sees a broken pipe once the reader has stopped
  EXPECT_EQ(error, fifo + ": larger than 1 MiB, the most a test file can be");
  std::filesystem::remove(fifo);
}

TEST(FileRead, FormatsSizes) {
  EXPECT_EQ(ds::formatBytes(12), "12 bytes");
  EXPECT_EQ(ds::formatBytes(1536), "1.5 KiB");
  EXPECT_EQ(ds::formatBytes(512.0 * 1024 * 1024), "512 MiB");
  EXPECT_EQ(ds::formatBytes(2.0 * 1024 * 1024 * 1024), "2 GiB");
}
