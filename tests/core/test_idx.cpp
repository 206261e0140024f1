// The IDX reader (core/data/idx.h): valid files, every kind of corruption, and the real
// Fashion-MNIST files of Debian's dataset-fashion-mnist.

#include "core/data/idx.h"

#include <gtest/gtest.h>
#include <torch/torch.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace {

namespace fs = std::filesystem;

std::string header(std::initializer_list<std::uint32_t> dims) {
  std::string s{'\0', '\0', '\x08', char(dims.size())};
  for (std::uint32_t d : dims) {
    for (int shift = 24; shift >= 0; shift -= 8) s += char((d >> shift) & 0xff);
  }
  return s;
}

struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() / ("ds_idx_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
                                        "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
};

void writeRaw(const fs::path& p, const std::string& bytes) {
  std::ofstream(p, std::ios::binary).write(bytes.data(), std::streamsize(bytes.size()));
}

void writeGz(const fs::path& p, const std::string& bytes) {
  gzFile f = gzopen(p.c_str(), "wb");
  ASSERT_NE(f, nullptr);
  ASSERT_EQ(gzwrite(f, bytes.data(), unsigned(bytes.size())), int(bytes.size()));
  gzclose(f);
}

TEST(Idx, ParsesShapeAndBytes) {
  std::string bytes = header({2, 2, 3}) + std::string("\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\xff", 12);
  auto a = ds::parseIdx(bytes);
  EXPECT_EQ(a.shape, (std::vector<std::int64_t>{2, 2, 3}));
  ASSERT_EQ(a.data.size(), 12u);
  EXPECT_EQ(a.data[0], 1);
  EXPECT_EQ(a.data[11], 255);
}

TEST(Idx, RejectsCorruptHeadersWithClearMessages) {
  auto expectError = [](const std::string& bytes, const std::string& fragment) {
    try {
      ds::parseIdx(bytes, "f.idx");
      ADD_FAILURE() << "no error for: " << fragment;
    } catch (const ds::IdxError& e) {
      EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
      EXPECT_EQ(std::string(e.what()).rfind("f.idx", 0), 0u) << "the message names the file: " << e.what();
    }
  };
  expectError("", "too short");
  expectError(std::string("\x01\x00\x08\x01", 4) + header({1}).substr(4) + "x", "wrong magic");
  expectError(std::string("\x00\x00\x0d\x01", 4), "not supported");
  expectError(header({3}) + "ab", "truncated");
  expectError(header({2}) + "abc", "unexpected bytes");
  expectError(header({0}), "size 0");
  expectError(std::string("\x00\x00\x08\x03\x00\x00", 6), "truncated header");
  expectError(header({65535, 65535, 65535}), "implausibly large");
  // Found by fuzz/fuzz_idx (fuzz/corpus/idx/finding-size-product-overflow): the product of the
  // last two sizes overflowed 64 bits and wrapped to a small number that matched the payload.
  expectError(header({1, 1, 3250700737u, 3250700544u}) + "\x01\x02\x03\x04", "implausibly large");
  expectError(header({4294967295u, 4294967295u}), "implausibly large");
}

TEST(Idx, ReadsGzipAndRejectsTruncatedGzip) {
  TempDir dir;
  const std::string bytes = header({4}) + "abcd";
  writeGz(dir.path / "ok.gz", bytes);
  EXPECT_EQ(ds::readIdxFile((dir.path / "ok.gz").string()).data.size(), 4u);

  // A larger payload so the truncated compressed stream cannot hold the whole header + data.
  std::string big = header({20000});
  for (int i = 0; i < 20000; ++i) big += char(i * 7919 % 251);
  writeGz(dir.path / "big.gz", big);
  std::ifstream in(dir.path / "big.gz", std::ios::binary);
  std::string gz((std::istreambuf_iterator<char>(in)), {});
  writeRaw(dir.path / "cut.gz", gz.substr(0, gz.size() / 2));
  EXPECT_THROW(ds::readIdxFile((dir.path / "cut.gz").string()), ds::IdxError);
  EXPECT_THROW(ds::readIdxFile((dir.path / "missing.gz").string()), ds::IdxError);
  EXPECT_THROW(ds::readIdxFile(dir.path.string()), ds::IdxError);
  // The size cap stops a decompression bomb before it is read into memory.
  EXPECT_THROW(ds::readIdxFile((dir.path / "big.gz").string(), 1000), ds::IdxError);
}

TEST(Idx, CountsOfImagesAndLabelsMustAgree) {
  TempDir dir;
  writeGz(dir.path / "train-images-idx3-ubyte.gz", header({3, 2, 2}) + std::string(12, '\x10'));
  writeGz(dir.path / "train-labels-idx1-ubyte.gz", header({2}) + std::string("\x01\x02", 2));
  try {
    ds::loadFashionMnist(dir.path.string(), ds::ImageSplit::Train);
    FAIL() << "mismatched counts accepted";
  } catch (const ds::IdxError& e) {
    EXPECT_NE(std::string(e.what()).find("3 images but"), std::string::npos) << e.what();
  }
  writeGz(dir.path / "train-labels-idx1-ubyte.gz", header({3}) + std::string("\x01\x02\x0c", 3));
  EXPECT_THROW(ds::loadFashionMnist(dir.path.string(), ds::ImageSplit::Train), ds::IdxError);  // label 12
  EXPECT_THROW(ds::loadFashionMnist((dir.path / "nowhere").string(), ds::ImageSplit::Train), ds::IdxError);
}

TEST(Idx, LoadsTheRealFashionMnist) {
  if (!fs::exists(ds::kFashionMnistDir)) GTEST_SKIP() << "Debian's dataset-fashion-mnist is not installed";
  auto test = ds::loadFashionMnist("fashion-mnist", ds::ImageSplit::Test);
  ASSERT_EQ(test.images.sizes(), (std::vector<std::int64_t>{10000, 1, 28, 28}));
  ASSERT_EQ(test.labels.size(0), 10000);
  EXPECT_GE(test.images.min().item<float>(), -1.0f);
  EXPECT_LE(test.images.max().item<float>(), 1.0f);
  EXPECT_FLOAT_EQ(test.images.min().item<float>(), -1.0f);  // black background
  // The test split is balanced: 1000 of each class.
  auto counts = torch::bincount(test.labels, {}, 10);
  for (int c = 0; c < 10; ++c) EXPECT_EQ(counts[c].item<std::int64_t>(), 1000) << "class " << c;
  auto limited = ds::loadFashionMnist(ds::kFashionMnistDir, ds::ImageSplit::Train, 64);
  EXPECT_EQ(limited.images.size(0), 64);
  EXPECT_EQ(limited.classNames.at(9), "ankle-boot");
}

TEST(Idx, ClassNames) {
  EXPECT_EQ(ds::parseFashionMnistClass("dress"), 3);
  EXPECT_EQ(ds::parseFashionMnistClass("Ankle_Boot"), 9);
  EXPECT_EQ(ds::parseFashionMnistClass("7"), 7);
  EXPECT_THROW(ds::parseFashionMnistClass("10"), std::invalid_argument);
  EXPECT_THROW(ds::parseFashionMnistClass("hat"), std::invalid_argument);
}

}  // namespace
