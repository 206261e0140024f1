// The Inpaint lesson with the bundled models: the first show loads a Fashion-MNIST test picture
// and fills the central box with all three methods; the kept pixels stay the picture's; scrubbing t
// shows other frames of the chains; each result is titled with its seam metric; a painted mask,
// a mask that keeps everything and a missing inpainting model give clear messages; the exports.

#include "core/eval/imageinpaint.h"
#include "ui/computecontext.h"
#include "ui/jobtracker.h"
#include "ui/lessons/images/imagegrid.h"
#include "ui/lessons/inpaint/inpaintcontrols.h"
#include "ui/lessons/inpaint/inpaintdocument.h"
#include "ui/lessons/inpaint/lessoninpaint.h"
#include "ui/lessons/inpaint/maskcanvas.h"
#include "ui/lessons/inpaint/maskdocument.h"

#include <QCheckBox>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include <ATen/ATen.h>
#include <gtest/gtest.h>

#include <cmath>

using ds::InpaintMethod;
using ds::ui::LessonInpaint;

namespace {

constexpr int kJobTimeoutMs = 180000;

class LessonInpaintTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(dir.isValid());
    context.setPreference(QStringLiteral("cpu"));
    lesson = std::make_unique<LessonInpaint>(&context);
    ds::ui::InpaintSettings s = lesson->document()->settings();
    s.n = 2;
    s.samplingSteps = 6;
    s.jump = 2;
    s.resample = 2;
    s.seed = 3;
    lesson->document()->setSettings(s);
    lesson->resize(1000, 700);
    lesson->show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(lesson.get()));
    settle();
    ASSERT_NE(lesson->result(), nullptr) << status() << " — are the bundled models and Debian's "
                                         << "dataset-fashion-mnist present?";
  }

  void settle() {
    ASSERT_TRUE(lesson->pictureTracker()->waitForIdle(kJobTimeoutMs));
    ASSERT_TRUE(lesson->jobTracker()->waitForIdle(kJobTimeoutMs));
    QCoreApplication::processEvents();
  }

  std::string status() const {
    return lesson->findChild<QLabel*>(QStringLiteral("inpaintStatus"))->text().toStdString();
  }

  void run() {
    lesson->findChild<QPushButton*>(QStringLiteral("inpaintRun"))->click();
    settle();
  }

  QTemporaryDir dir;
  ds::ui::ComputeContext context;
  std::unique_ptr<LessonInpaint> lesson;
};

TEST_F(LessonInpaintTest, FirstShowFillsTheCentralBoxWithAllThreeMethods) {
  const auto& r = *lesson->result();
  ASSERT_EQ(r.runs.size(), 3u) << status();
  EXPECT_EQ(r.runs[0].method, InpaintMethod::Replace);
  EXPECT_EQ(r.runs[1].method, InpaintMethod::Repaint);
  EXPECT_EQ(r.runs[2].method, InpaintMethod::Conditioned);
  EXPECT_EQ(lesson->document()->testIndex(), 0);
  for (int i = 0; i < 3; ++i) {
    ds::ui::ImageGridView* grid = lesson->methodGrid(i);
    EXPECT_TRUE(grid->isVisible());
    EXPECT_EQ(grid->count(), 4);  // x_t and x̂_0 of two fills
    EXPECT_TRUE(grid->title().contains(QStringLiteral("seam"))) << grid->title().toStdString();
    EXPECT_TRUE(grid->title().contains(QStringLiteral("picture"))) << grid->title().toStdString();
  }
  EXPECT_TRUE(lesson->methodGrid(2)->title().startsWith(QStringLiteral("Conditioned")));
  EXPECT_NE(status().find("seed 3"), std::string::npos) << status();
}

TEST_F(LessonInpaintTest, KeptPixelsStayThePicturesAndTheFilledOnesChange) {
  const auto& r = *lesson->result();
  const at::Tensor keep = r.mask[0][0] < 0.5;
  const at::Tensor fill = ~keep;
  ASSERT_GT(keep.sum().item<std::int64_t>(), 0);
  ASSERT_GT(fill.sum().item<std::int64_t>(), 0);
  const at::Tensor picture = r.picture[0][0];
  for (const auto& run : r.runs) {
    const at::Tensor final = run.chain.final();
    for (std::int64_t i = 0; i < final.size(0); ++i) {
      const at::Tensor x = final[i][0];
      const double keptError = (x - picture).abs().masked_select(keep).max().item<double>();
      EXPECT_LT(keptError, 1.0 / 255) << ds::toString(run.method);
      const double filledChange = (x - picture).abs().masked_select(fill).mean().item<double>();
      EXPECT_GT(filledChange, 0.01) << ds::toString(run.method);
    }
    ASSERT_EQ(run.seam.size(), 2u);
    for (double s : run.seam) EXPECT_TRUE(std::isfinite(s) && s >= 0);
  }
  EXPECT_TRUE(std::isfinite(r.originalSeam));
}

TEST_F(LessonInpaintTest, ScrubbingShowsOtherFramesOfTheChain) {
  ds::ui::ImageGridView* grid = lesson->methodGrid(0);
  const QImage atZero = grid->image(0);
  const QString titleAtZero = grid->title();
  lesson->setTimestep(900);
  EXPECT_NE(grid->image(0), atZero);
  EXPECT_NE(grid->title(), titleAtZero);
  EXPECT_FALSE(grid->title().contains(QStringLiteral("t = 0 ")));
  lesson->setTimestep(0);
  EXPECT_EQ(grid->image(0), atZero);
}

TEST_F(LessonInpaintTest, SameSeedSameFillsAndMethodsCanBeLeftOut) {
  const at::Tensor before = lesson->result()->runs[0].chain.final().clone();
  lesson->findChild<QCheckBox*>(QStringLiteral("inpaintRepaint"))->click();
  lesson->findChild<QCheckBox*>(QStringLiteral("inpaintConditioned"))->click();
  EXPECT_EQ(lesson->document()->settings().methods().size(), 1u);
  run();
  ASSERT_EQ(lesson->result()->runs.size(), 1u) << status();
  EXPECT_TRUE(at::equal(lesson->result()->runs[0].chain.final(), before));
  EXPECT_TRUE(lesson->methodGrid(0)->isVisible());
  EXPECT_FALSE(lesson->methodGrid(1)->isVisible());
  EXPECT_FALSE(lesson->methodGrid(2)->isVisible());
}

TEST_F(LessonInpaintTest, APaintedMaskIsWhatGetsFilled) {
  lesson->maskDocument()->clear();
  // Paint a stroke across the canvas's middle with the brush.
  ds::ui::MaskCanvas* canvas = lesson->canvas();
  const QPoint a = canvas->mapFromImage(QPointF(4, 14)).toPoint();
  const QPoint b = canvas->mapFromImage(QPointF(24, 14)).toPoint();
  QTest::mousePress(canvas, Qt::LeftButton, Qt::NoModifier, a);
  for (int i = 1; i <= 10; ++i) QTest::mouseMove(canvas, a + (b - a) * i / 10);
  QTest::mouseRelease(canvas, Qt::LeftButton, Qt::NoModifier, b);
  EXPECT_NE(status().find("mask changed"), std::string::npos) << status();
  run();
  const at::Tensor mask = lesson->result()->mask[0][0];
  EXPECT_GT(mask[14][14].item<float>(), 0.5f);
  EXPECT_LT(mask[2][2].item<float>(), 0.5f);
  EXPECT_LT(mask[26][14].item<float>(), 0.5f);
}

TEST_F(LessonInpaintTest, AMaskThatFillsNothingIsAClearMessage) {
  const auto before = lesson->result();
  lesson->maskDocument()->clear();
  run();
  EXPECT_NE(status().find("fills nothing"), std::string::npos) << status();
  EXPECT_EQ(lesson->result(), before);  // the last fills stay on screen
  lesson->maskDocument()->fillAll();
  run();
  EXPECT_NE(status().find("whole picture"), std::string::npos) << status();
  lesson->maskDocument()->undoStack()->undo();
  lesson->maskDocument()->undoStack()->undo();
  run();
  EXPECT_NE(lesson->result(), before);
}

TEST_F(LessonInpaintTest, AMissingInpainterIsNamedAndTheOtherMethodsStillRun) {
  const QString missing = dir.filePath(QStringLiteral("no-such-inpainter.unet"));
  lesson->document()->setModels(QStringLiteral("fashion-mnist"), missing);
  run();
  EXPECT_NE(status().find("Could not inpaint"), std::string::npos) << status();
  EXPECT_NE(status().find("no-such-inpainter"), std::string::npos) << status();
  lesson->findChild<QCheckBox*>(QStringLiteral("inpaintConditioned"))->click();
  run();
  EXPECT_EQ(lesson->result()->runs.size(), 2u) << status();
}

TEST_F(LessonInpaintTest, AnotherTestPictureKeepsTheMask) {
  const std::vector<float> mask = lesson->maskDocument()->mask();
  const std::vector<float> pixels = lesson->maskDocument()->imagePixels();
  lesson->loadTestPicture(5);
  settle();
  EXPECT_EQ(lesson->document()->testIndex(), 5);
  EXPECT_EQ(lesson->maskDocument()->mask(), mask);
  EXPECT_NE(lesson->maskDocument()->imagePixels(), pixels);
}

TEST_F(LessonInpaintTest, ExportsTheFillsAsCsvAndPng) {
  const QString csv = dir.filePath(QStringLiteral("fills.csv"));
  QString error;
  ASSERT_TRUE(lesson->exportParticlesCsv(csv, &error)) << error.toStdString();
  QFile file(csv);
  ASSERT_TRUE(file.open(QIODevice::ReadOnly));
  const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
  ASSERT_EQ(lines.size(), 1 + 3 * 2);
  EXPECT_TRUE(lines[0].startsWith("method,fill,t,p0,p1"));
  EXPECT_EQ(lines[0].count(','), 2 + 28 * 28);
  EXPECT_TRUE(lines[1].startsWith("replace,0,0,"));
  EXPECT_TRUE(lines[6].startsWith("conditioned,1,0,"));

  const QString png = dir.filePath(QStringLiteral("fills.png"));
  ASSERT_TRUE(lesson->saveResultsPng(png, &error)) << error.toStdString();
  QImage sheet(png);
  ASSERT_FALSE(sheet.isNull());
  EXPECT_GT(sheet.height(), 3 * 28 * 4);
  EXPECT_GT(sheet.width(), 3 * 28 * 4);
}

TEST_F(LessonInpaintTest, PresentationModeStillShowsEverything) {
  lesson->setPresentationMode(true);
  lesson->grab();
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(lesson->methodGrid(i)->isVisible());
  lesson->setPresentationMode(false);
}

}  // namespace

namespace {

TEST_F(LessonInpaintTest, CtrlZUndoesTheLastMaskEdit) {
  const std::vector<float> before = lesson->maskDocument()->mask();
  lesson->maskDocument()->invert();
  ASSERT_NE(lesson->maskDocument()->mask(), before);
  lesson->canvas()->setFocus();
  QTest::keyClick(lesson->canvas(), Qt::Key_Z, Qt::ControlModifier);
  EXPECT_EQ(lesson->maskDocument()->mask(), before);
  QTest::keyClick(lesson->canvas(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
  EXPECT_NE(lesson->maskDocument()->mask(), before);
}

}  // namespace
