// The Images lesson: the forward chain on real Fashion-MNIST pictures (steps against the one jump,
// the pixel histogram reaching N(0, 1)), a short real sampling run with a tiny U-Net trained here
// (x_t and x̂_0 grids, the A/B comparison from one x_T, the trajectory strip), failures shown in
// the lesson, cancelling, and the exports.

#include "core/data/png.h"
#include "core/eval/imagechains.h"
#include "core/training/imagetrainer.h"
#include "ui/computecontext.h"
#include "ui/jobtracker.h"
#include "ui/lessons/images/imagegrid.h"
#include "ui/lessons/images/imagescontrols.h"
#include "ui/lessons/images/imagesdocument.h"
#include "ui/lessons/images/lessonimages.h"
#include "ui/lessons/images/pixelhistogram.h"

#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <ATen/ATen.h>
#include <gtest/gtest.h>
#include <qcustomplot.h>

#include <cmath>

using ds::ui::Direction;
using ds::ui::LessonImages;

namespace {

constexpr int kJobTimeoutMs = 180000;

// A tiny class-conditional U-Net on 28×28 images, trained two steps on random pictures: enough to
// be a real checkpoint that loads, samples and guides (its pictures are noise, which is fine here).
QString tinyModel(const QTemporaryDir& dir) {
  ds::UNetConfig arch;
  arch.baseChannels = 8;
  arch.channelMults = {1, 2};
  arch.groups = 4;
  arch.midAttention = false;
  auto images = at::rand({16, 1, 28, 28}) * 2 - 1;
  auto labels = at::arange(16, at::kLong).remainder(10);
  ds::ImageTrainConfig cfg;
  cfg.batchSize = 8;
  ds::ImageTrainer trainer(arch, ds::NoiseSchedule(ds::ScheduleSpec{}), images, labels, cfg, "random pictures");
  trainer.run(2);
  const QString path = dir.filePath(QStringLiteral("tiny.unet"));
  trainer.save(path.toStdString());
  return path;
}

class LessonImagesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(dir.isValid());
    context.setPreference(QStringLiteral("cpu"));
    lesson = std::make_unique<LessonImages>(&context);
    lesson->document()->setModels(tinyModel(dir), dir.filePath(QStringLiteral("no-classifier")));
    ds::ui::ImagesReverseSettings r = lesson->document()->reverse();
    r.n = 4;
    r.a.sampler = r.b.sampler = ds::SamplerKind::Ddim;
    r.a.samplingSteps = r.b.samplingSteps = 5;
    lesson->document()->setReverse(r);
    lesson->resize(1000, 650);
    lesson->show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(lesson.get()));
    ASSERT_TRUE(lesson->forwardTracker()->waitForIdle(kJobTimeoutMs));
    ASSERT_NE(lesson->forwardResult(), nullptr) << "is Debian's dataset-fashion-mnist installed?";
  }

  void sample() {
    lesson->setDirection(Direction::Reverse);
    ASSERT_TRUE(lesson->jobTracker()->waitForIdle(kJobTimeoutMs));
    ASSERT_NE(lesson->sampleResult(), nullptr);
  }

  QTemporaryDir dir;
  ds::ui::ComputeContext context;
  std::unique_ptr<LessonImages> lesson;
};

TEST_F(LessonImagesTest, ForwardChainNoisesRealPicturesIntoAStandardNormal) {
  const auto f = lesson->forwardResult();
  ASSERT_EQ(f->x0.size(0), 8);
  EXPECT_EQ(lesson->forwardGrid()->count(), 4 * 8);  // x_0, steps, one jump, noise added
  EXPECT_EQ(lesson->forwardGrid()->columns(), 8);
  // Real pictures: mostly background at −1, in [−1, 1].
  EXPECT_GE(f->x0.min().item<float>(), -1.0f);
  EXPECT_LE(f->x0.max().item<float>(), 1.0f);
  EXPECT_LT(f->pixelMean[0], -0.2);
  // At t = T both ways reach N(0, 1): the histogram's moments and the one jump's.
  const int T = f->T;
  EXPECT_NEAR(f->pixelMean[std::size_t(T)], 0.0, 0.05);
  EXPECT_NEAR(f->pixelStd[std::size_t(T)], 1.0, 0.05);
  EXPECT_NEAR(f->jump(T).std().item<double>(), 1.0, 0.05);
  // At t = 0 nothing was added.
  EXPECT_TRUE(at::allclose(f->jump(0), f->x0));
  EXPECT_NEAR(f->noiseAdded(0).abs().max().item<double>(), 0.0, 1e-6);

  lesson->setTimestep(T);
  EXPECT_EQ(lesson->histogram()->bars()->data()->size(), ds::kHistogramBins);
  EXPECT_TRUE(lesson->forwardGrid()->title().contains(QStringLiteral("t = %1").arg(T)));
  // The pictures of x_T are noise: row 2's first image differs from x_0's.
  EXPECT_NE(lesson->forwardGrid()->image(8), lesson->forwardGrid()->image(0));
  lesson->setTimestep(0);
  EXPECT_EQ(lesson->forwardGrid()->image(8), lesson->forwardGrid()->image(0));
}

TEST_F(LessonImagesTest, OtherPicturesAndAClassChoosesNewImages) {
  const auto before = lesson->forwardResult();
  ds::ui::ImagesForwardSettings f = lesson->document()->forward();
  f.label = 8;  // bags
  f.count = 3;
  lesson->document()->setForward(f);
  ASSERT_TRUE(lesson->forwardTracker()->waitForIdle(kJobTimeoutMs));
  const auto after = lesson->forwardResult();
  ASSERT_NE(after, before);
  ASSERT_EQ(after->x0.size(0), 3);
  EXPECT_TRUE((after->labels == 8).all().item<bool>());
  QTest::mouseClick(lesson->controls()->otherImagesButton(), Qt::LeftButton);
  ASSERT_TRUE(lesson->forwardTracker()->waitForIdle(kJobTimeoutMs));
  EXPECT_EQ(lesson->document()->forward().seed, f.seed + 1);
  EXPECT_FALSE(at::equal(lesson->forwardResult()->x0, after->x0));
}

TEST_F(LessonImagesTest, SamplingShowsXtBesidePredictedX0ForTwoSettingsFromOneStart) {
  ASSERT_NO_FATAL_FAILURE(sample());
  const auto s = lesson->sampleResult();
  ASSERT_EQ(s->runs.size(), 2u);  // A (no guidance) and B (classifier-free), the default comparison
  // Both runs start from the same x_T.
  EXPECT_TRUE(at::equal(s->runs[0].x.front(), s->runs[1].x.front()));
  EXPECT_FALSE(at::equal(s->runs[0].final(), s->runs[1].final()));
  lesson->setTimestep(500);
  for (int r = 0; r < 2; ++r) {
    EXPECT_EQ(lesson->samplesGrid(r)->count(), 4);
    EXPECT_EQ(lesson->x0Grid(r)->count(), 4) << "x̂_0 shown for run " << r;
    EXPECT_TRUE(lesson->x0Grid(r)->title().contains(QStringLiteral("x̂₀")));
    EXPECT_TRUE(lesson->samplesGrid(r)->isVisible());
  }
  // x̂_0 at t = 0 is clipped to [−1, 1]; the shown sample images are its 8-bit rendering.
  lesson->setTimestep(0);
  const QImage shown = lesson->samplesGrid(0)->image(0);
  const QImage expected = ds::ui::grayImage(s->runs[0].final()[0]);
  EXPECT_EQ(shown, expected);

  // Clicking a sample selects it and the strip follows its trajectory (x_t and x̂_0 rows).
  ds::ui::ImageGridView* grid = lesson->samplesGrid(0);
  QTest::mouseClick(grid, Qt::LeftButton, {}, grid->cellRect(2).center());
  EXPECT_EQ(lesson->document()->selectedSample(), 2);
  EXPECT_EQ(grid->selected(), 2);
  EXPECT_TRUE(lesson->trajectoryStrip()->title().contains(QStringLiteral("sample 3 of A")));
  // DDIM-5 records 6 steps (x_T and five more): rows x_t and x̂_0 of 6 frames, x_0 last.
  const int columns = lesson->trajectoryStrip()->columns();
  EXPECT_EQ(columns, 6);
  EXPECT_EQ(lesson->trajectoryStrip()->count(), 2 * columns);
  EXPECT_EQ(lesson->trajectoryStrip()->image(columns - 1), ds::ui::grayImage(s->runs[0].final()[2]));
  EXPECT_EQ(lesson->trajectoryStrip()->image(0), ds::ui::grayImage(s->runs[0].x.front()[2]));
  // A sample of B: the strip follows B's run, and only B's grids outline it.
  ds::ui::ImageGridView* x0B = lesson->x0Grid(1);
  QTest::mouseClick(x0B, Qt::LeftButton, {}, x0B->cellRect(1).center());
  EXPECT_EQ(lesson->document()->selectedRun(), 1);
  EXPECT_EQ(lesson->samplesGrid(1)->selected(), 1);
  EXPECT_EQ(grid->selected(), -1);
  EXPECT_TRUE(lesson->trajectoryStrip()->title().contains(QStringLiteral("sample 2 of B")));
  EXPECT_EQ(lesson->trajectoryStrip()->image(columns - 1), ds::ui::grayImage(s->runs[1].final()[1]));
}

TEST_F(LessonImagesTest, OneSettingHidesTheSecondRunAndTheSameSeedRepeatsTheSamples) {
  ds::ui::ImagesReverseSettings r = lesson->document()->reverse();
  r.compare = false;
  lesson->document()->setReverse(r);
  ASSERT_NO_FATAL_FAILURE(sample());
  const auto first = lesson->sampleResult();
  ASSERT_EQ(first->runs.size(), 1u);
  EXPECT_FALSE(lesson->samplesGrid(1)->isVisible());
  QTest::mouseClick(lesson->controls()->sampleButton(), Qt::LeftButton);
  ASSERT_TRUE(lesson->jobTracker()->waitForIdle(kJobTimeoutMs));
  ASSERT_NE(lesson->sampleResult(), first);
  EXPECT_TRUE(at::equal(lesson->sampleResult()->runs[0].final(), first->runs[0].final()));
}

TEST_F(LessonImagesTest, ClassifierGuidanceWithoutAClassifierSaysSoAndTheLessonGoesOn) {
  ASSERT_NO_FATAL_FAILURE(sample());
  ds::ui::ImagesReverseSettings r = lesson->document()->reverse();
  r.a.guidance = ds::ImageGuidance::Classifier;
  r.a.scale = 2;
  QSignalSpy failed(lesson->jobTracker(), &ds::ui::JobTracker::failed);
  lesson->document()->setReverse(r);
  ASSERT_TRUE(lesson->jobTracker()->waitForIdle(kJobTimeoutMs));
  ASSERT_EQ(failed.count(), 1);
  auto* status = lesson->findChild<QLabel*>(QStringLiteral("status"));
  ASSERT_NE(status, nullptr);
  EXPECT_TRUE(status->text().contains(QStringLiteral("noisy classifier"))) << status->text().toStdString();
  // Back to classifier-free guidance: samples again.
  r.a.guidance = ds::ImageGuidance::ClassifierFree;
  r.a.scale = 3;
  lesson->document()->setReverse(r);
  ASSERT_TRUE(lesson->jobTracker()->waitForIdle(kJobTimeoutMs));
  EXPECT_EQ(lesson->sampleResult()->settings[0].guidance, ds::ImageGuidance::ClassifierFree);
}

TEST_F(LessonImagesTest, ALongDdpmRunCanBeCancelled) {
  ds::ui::ImagesReverseSettings r = lesson->document()->reverse();
  r.a.sampler = ds::SamplerKind::Ddpm;
  r.compare = false;
  lesson->document()->setReverse(r);
  QSignalSpy cancelled(lesson->jobTracker(), &ds::ui::JobTracker::cancelled);
  lesson->setDirection(Direction::Reverse);
  ASSERT_TRUE(lesson->jobTracker()->isBusy());
  QTest::qWait(200);
  lesson->jobTracker()->cancel();
  ASSERT_TRUE(lesson->jobTracker()->waitForIdle(kJobTimeoutMs));
  EXPECT_EQ(cancelled.count(), 1);
  EXPECT_EQ(lesson->sampleResult(), nullptr);
}

TEST_F(LessonImagesTest, ExportsTheShownPixelsAsCsvAndTheSamplesAsAPngGrid) {
  const QString csv = dir.filePath(QStringLiteral("x.csv"));
  QString error;
  lesson->setTimestep(300);
  ASSERT_TRUE(lesson->exportParticlesCsv(csv, &error)) << error.toStdString();
  QFile file(csv);
  ASSERT_TRUE(file.open(QIODevice::ReadOnly));
  const QList<QByteArray> lines = file.readAll().split('\n');
  ASSERT_GE(lines.size(), 9);
  EXPECT_TRUE(lines[0].startsWith("image,label,t,p0,p1"));
  EXPECT_EQ(lines[0].count(',') + 1, 3 + 28 * 28);
  EXPECT_TRUE(lines[1].startsWith("0,"));
  EXPECT_EQ(lines[1].split(',')[2], QByteArray("300"));

  ASSERT_NO_FATAL_FAILURE(sample());
  lesson->setTimestep(0);
  const QString png = dir.filePath(QStringLiteral("samples.png"));
  ASSERT_TRUE(lesson->saveGridPng(png, &error)) << error.toStdString();
  const at::Tensor grid = ds::readGrayPng(png.toStdString());
  EXPECT_GT(grid.numel(), 4 * 28 * 28);
  EXPECT_FALSE(lesson->saveGridPng(dir.filePath(QStringLiteral("no/such/folder/x.png")), &error));
  EXPECT_FALSE(error.isEmpty());
}

}  // namespace
