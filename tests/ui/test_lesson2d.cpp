// The 2-D lesson: sampling job, scrubbing, spec editing with errors, the field toggle, clicking for
// the reverse posterior, DDIM's sparse recorded steps and CSV export.

#include "ui/jobrunner.h"
#include "ui/lessons/lesson2d.h"
#include "ui/lessons/lesson2djob.h"
#include "ui/lessons/planeview.h"
#include "ui/lessons/posteriorview2d.h"
#include "ui/lessons/vectorfield.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <numeric>

using ds::ui::Direction;
using ds::ui::JobRunner;
using ds::ui::Lesson2D;

namespace {

constexpr int kJobTimeoutMs = 180000;

class Lesson2DTest : public ::testing::Test {
 protected:
  void SetUp() override {
    runner = std::make_unique<JobRunner>();
    lesson = std::make_unique<Lesson2D>(runner.get());
    lesson->resize(1100, 650);
    lesson->show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(lesson.get()));
    ASSERT_TRUE(runner->waitForIdle(kJobTimeoutMs));
    QApplication::processEvents();
    ASSERT_TRUE(lesson->hasResult());
  }
  void TearDown() override {
    lesson.reset();
    runner.reset();
  }

  std::vector<double> scatterPoints() const {
    std::vector<double> out;
    auto data = lesson->planeView()->scatter()->data();
    for (auto it = data->constBegin(); it != data->constEnd(); ++it) {
      out.push_back(it->key);
      out.push_back(it->value);
    }
    return out;
  }
  static double meanRadius(const std::vector<double>& xy) {
    double r = 0;
    for (size_t i = 0; i + 1 < xy.size(); i += 2) r += std::hypot(xy[i], xy[i + 1]);
    return r / (xy.size() / 2);
  }
  void clickPlane(double x, double y) {
    QCustomPlot* plot = lesson->planeView()->plot();
    plot->replot();
    const QPoint p(static_cast<int>(plot->xAxis->coordToPixel(x)), static_cast<int>(plot->yAxis->coordToPixel(y)));
    QTest::mouseClick(plot, Qt::LeftButton, {}, p);
  }

  std::unique_ptr<JobRunner> runner;
  std::unique_ptr<Lesson2D> lesson;
};

TEST_F(Lesson2DTest, InitialJobFillsThePlane) {
  EXPECT_EQ(lesson->id(), "2d");
  EXPECT_EQ(lesson->planeView()->scatter()->data()->size(), 1000);
  EXPECT_EQ(lesson->planeView()->densityMap()->data()->keySize(), ds::ui::Lesson2DParams().grid);
  EXPECT_EQ(lesson->planeView()->field()->arrowCount(),
            ds::ui::PlaneView::kFieldGrid * ds::ui::PlaneView::kFieldGrid);
  // t = 0: the particles are data on the ring of radius 2.
  EXPECT_NEAR(meanRadius(scatterPoints()), 2.0, 0.15);
}

TEST_F(Lesson2DTest, SetTimestepMovesTheParticlesAndTheDensity) {
  lesson->setTimestep(0);
  const auto at0 = scatterPoints();
  const double density0 = lesson->planeView()->densityMap()->data()->cell(50, 50);
  lesson->setTimestep(1000);
  const auto atT = scatterPoints();
  EXPECT_NE(at0, atT);
  // x_T ≈ N(0, I): mean radius √(π/2) ≈ 1.25.
  EXPECT_NEAR(meanRadius(atT), 1.2533, 0.12);
  // The ring's empty centre fills in as q(x_t) approaches N(0, I).
  EXPECT_GT(lesson->planeView()->densityMap()->data()->cell(50, 50), density0);
}

TEST_F(Lesson2DTest, BadSpecShowsAnErrorAndKeepsTheMixture) {
  const QString before = lesson->mixtureSpec();
  const quint64 generation = lesson->resultGeneration();
  QLineEdit* edit = lesson->specEdit();
  edit->setFocus();
  edit->selectAll();
  QTest::keyClicks(edit, QStringLiteral("0.5:1,1;garbage"));
  QTest::keyClick(edit, Qt::Key_Return);
  EXPECT_TRUE(lesson->specError()->isVisible());
  EXPECT_FALSE(lesson->specError()->text().isEmpty());
  EXPECT_EQ(lesson->mixtureSpec(), before);
  EXPECT_EQ(edit->text(), QStringLiteral("0.5:1,1;garbage"));  // the user's text is not lost
  EXPECT_FALSE(runner->isBusy());
  EXPECT_EQ(lesson->resultGeneration(), generation);

  // A 1-D spec is valid syntax but the wrong dimension for this lesson.
  edit->setText(QStringLiteral("0.5:-2:0.4;0.5:2:0.4"));
  EXPECT_FALSE(lesson->applySpec());
  EXPECT_TRUE(lesson->specError()->text().contains(QStringLiteral("2-D")));

  // A good spec clears the error and re-runs.
  edit->setText(QStringLiteral("0.3:1,1:0.2;0.7:-1,0:0.5"));
  EXPECT_TRUE(lesson->applySpec());
  EXPECT_FALSE(lesson->specError()->isVisible());
  ASSERT_TRUE(runner->waitForIdle(kJobTimeoutMs));
  QApplication::processEvents();
  EXPECT_GT(lesson->resultGeneration(), generation);
  EXPECT_NE(lesson->mixtureSpec(), before);
}

TEST_F(Lesson2DTest, VectorFieldToggleHidesAndShowsIt) {
  QCheckBox* box = lesson->fieldCheck();
  ASSERT_TRUE(box->isChecked());
  EXPECT_TRUE(lesson->planeView()->isFieldVisible());
  QTest::mouseClick(box, Qt::LeftButton, {}, QPoint(8, box->height() / 2));
  EXPECT_FALSE(box->isChecked());
  EXPECT_FALSE(lesson->planeView()->isFieldVisible());
  QTest::mouseClick(box, Qt::LeftButton, {}, QPoint(8, box->height() / 2));
  EXPECT_TRUE(lesson->planeView()->isFieldVisible());

  // Score and −ε point the same way (E[ε|x_t] = −√(1−ᾱ) ∇log q), with different magnitudes.
  lesson->setTimestep(300);
  const auto score = lesson->planeView()->field()->vectors();
  lesson->fieldKindCombo()->setCurrentIndex(1);
  const auto eps = lesson->planeView()->field()->vectors();
  ASSERT_EQ(score.size(), eps.size());
  EXPECT_NE(score, eps);
  for (size_t i = 0; i < score.size(); ++i) EXPECT_GE(score[i] * eps[i], -1e-9);
}

TEST_F(Lesson2DTest, ClickOnThePlaneShowsTheReversePosteriorThere) {
  lesson->setTimestep(400);
  clickPlane(1.5, -0.5);
  ds::ui::PosteriorView2D* post = lesson->posteriorView();
  EXPECT_NEAR(post->xtX(), 1.5, 0.1);
  EXPECT_NEAR(post->xtY(), -0.5, 0.1);
  QCPColorMapData* map = post->map()->data();
  ASSERT_GT(map->keySize(), 0);
  const QCPRange keys = map->keyRange();
  clickPlane(-1.5, 1.0);
  EXPECT_NEAR(post->xtX(), -1.5, 0.1);
  EXPECT_NE(post->map()->data()->keyRange().center(), keys.center());
  // k = 1: the posterior sits next to x_t.
  post->setJump(1);
  EXPECT_EQ(post->modes(), 1);
  EXPECT_TRUE(post->map()->data()->keyRange().contains(-1.5));
}

TEST_F(Lesson2DTest, BigJumpFromTheCentreIsMultimodal) {
  lesson->setTimestep(500);
  lesson->setPosteriorXt(0.0, 0.0);
  ds::ui::PosteriorView2D* post = lesson->posteriorView();
  post->setJump(1);
  EXPECT_EQ(post->modes(), 1);
  post->setJump(500);
  EXPECT_GE(post->modes(), 4);  // the ring's modes: from the centre, any of them is possible
  EXPECT_TRUE(post->caption().contains(QStringLiteral("modes")));
}

TEST_F(Lesson2DTest, DdimShowsTheNearestRecordedStep) {
  lesson->ddimStepsSpin()->setValue(10);
  lesson->samplerCombo()->setCurrentIndex(1);  // DDIM
  ASSERT_TRUE(runner->waitForIdle(kJobTimeoutMs));
  QApplication::processEvents();
  lesson->setDirection(Direction::Reverse);
  lesson->setTimestep(455);
  EXPECT_NE(lesson->shownTimestep(), 455);
  EXPECT_LE(std::abs(lesson->shownTimestep() - 455), 60);
  lesson->setTimestep(0);
  EXPECT_EQ(lesson->shownTimestep(), 0);
  // Samples land on the ring.
  EXPECT_NEAR(meanRadius(scatterPoints()), 2.0, 0.25);
}

TEST_F(Lesson2DTest, ExportsOneRowPerParticle) {
  QTemporaryDir dir;
  const QString path = dir.filePath(QStringLiteral("p.csv"));
  QString error;
  ASSERT_TRUE(lesson->exportParticlesCsv(path, &error)) << error.toStdString();
  QFile file(path);
  ASSERT_TRUE(file.open(QIODevice::ReadOnly | QIODevice::Text));
  const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
  ASSERT_EQ(lines.size(), 1001);
  EXPECT_EQ(lines.front(), QStringLiteral("i,x,y"));
  EXPECT_EQ(lines.at(1).count(QLatin1Char(',')), 2);
}

// Every step of a drag across all T = 1000 steps is shown (the frame time is printed for the
// record; the measured figures come from `diffusion-studio --benchmark-scrub`, not from a test).
TEST_F(Lesson2DTest, ScrubbingEveryStepShowsThatStep) {
  std::vector<double> ms;
  int wrong = 0;
  QElapsedTimer clock;
  for (int t = 0; t <= 1000; ++t) {
    clock.start();
    lesson->setTimestep(t);
    QApplication::processEvents();
    lesson->repaint();
    ms.push_back(clock.nsecsElapsed() / 1e6);
    if (lesson->shownTimestep() != t) ++wrong;
  }
  EXPECT_EQ(wrong, 0);
  const double mean = std::accumulate(ms.begin(), ms.end(), 0.0) / ms.size();
  std::sort(ms.begin(), ms.end());
  std::printf("[lesson2d scrub] frames=%zu mean=%.2f ms p99=%.2f ms max=%.2f ms\n", ms.size(), mean,
              ms[ms.size() * 99 / 100], ms.back());
}

}  // namespace
