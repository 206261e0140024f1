// The 2-D lesson: sampling job, scrubbing, spec editing with errors, the field toggle, clicking for
// the reverse posterior, DDIM's sparse recorded steps and CSV export.

#include "core/data/pointset.h"
#include "ui/computecontext.h"
#include "ui/jobtracker.h"
#include "ui/lessons/mixture2d/lesson2d.h"
#include "ui/lessons/mixture2d/mixture2ddocument.h"
#include "ui/lessons/mixture2d/mixture2djobs.h"
#include "ui/lessons/mixture2d/planeview.h"
#include "ui/lessons/mixture2d/posteriorview2d.h"
#include "ui/lessons/mixture2d/vectorfield.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include <gtest/gtest.h>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <numeric>

using ds::ui::Direction;
using ds::ui::Lesson2D;
using ds::ui::PlaneView;
using ds::ui::PosteriorView2D;

namespace {

constexpr int kJobTimeoutMs = 180000;

// A named child of `parent` (widgets are found by objectName).
template <class T>
T* child(const QObject* parent, const char* name) {
  T* found = parent->findChild<T*>(QLatin1String(name));
  EXPECT_NE(found, nullptr) << "no child named " << name;
  return found;
}

class Lesson2DTest : public ::testing::Test {
 protected:
  void SetUp() override {
    context.setPreference(QStringLiteral("cpu"));
    lesson = std::make_unique<Lesson2D>(&context);
    lesson->resize(1100, 650);
    lesson->show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(lesson.get()));
    settle();
    ASSERT_TRUE(lesson->hasResult());
    plane = child<PlaneView>(lesson.get(), "plane");
    post = child<PosteriorView2D>(lesson.get(), "posterior");
    ASSERT_TRUE(plane && post);
  }
  void TearDown() override { lesson.reset(); }

  // Waits for the lesson's jobs, including one submitted when the previous one finished.
  void settle() {
    for (int i = 0; i < 2; ++i) {
      ASSERT_TRUE(lesson->jobTracker()->waitForIdle(kJobTimeoutMs));
      QApplication::processEvents();
    }
  }
  std::vector<double> scatterPoints() const {
    std::vector<double> out;
    auto data = plane->scatter()->data();
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
    QCustomPlot* plot = child<QCustomPlot>(plane, "planePlot");
    plot->replot();
    const QPoint p(static_cast<int>(plot->xAxis->coordToPixel(x)), static_cast<int>(plot->yAxis->coordToPixel(y)));
    QTest::mouseClick(plot, Qt::LeftButton, {}, p);
  }
  void typeSpec(const QString& text) {
    QLineEdit* edit = child<QLineEdit>(lesson.get(), "spec");
    edit->setFocus();
    edit->selectAll();
    QTest::keyClicks(edit, text);
    QTest::keyClick(edit, Qt::Key_Return);
  }

  ds::ui::ComputeContext context;
  std::unique_ptr<Lesson2D> lesson;
  PlaneView* plane = nullptr;
  PosteriorView2D* post = nullptr;
};

TEST_F(Lesson2DTest, InitialJobFillsThePlane) {
  EXPECT_EQ(lesson->id(), "2d");
  EXPECT_EQ(plane->scatter()->data()->size(), 1000);
  EXPECT_EQ(plane->densityMap()->data()->keySize(), ds::ui::kPlaneGrid);
  EXPECT_EQ(plane->field()->arrowCount(), ds::ui::kFieldGrid * ds::ui::kFieldGrid);
  // t = 0: the particles are data on the ring of radius 2.
  EXPECT_NEAR(meanRadius(scatterPoints()), 2.0, 0.15);
}

TEST_F(Lesson2DTest, SetTimestepMovesTheParticlesAndTheDensity) {
  lesson->setTimestep(0);
  const auto at0 = scatterPoints();
  const double density0 = plane->densityMap()->data()->cell(50, 50);
  lesson->setTimestep(1000);
  const auto atT = scatterPoints();
  EXPECT_NE(at0, atT);
  // x_T ≈ N(0, I): mean radius √(π/2) ≈ 1.25.
  EXPECT_NEAR(meanRadius(atT), 1.2533, 0.12);
  // The ring's empty centre fills in as q(x_t) approaches N(0, I).
  EXPECT_GT(plane->densityMap()->data()->cell(50, 50), density0);
}

TEST_F(Lesson2DTest, BadSpecShowsAnErrorAndKeepsTheMixture) {
  const QString before = lesson->mixtureSpec();
  const quint64 generation = lesson->resultGeneration();
  QLineEdit* edit = child<QLineEdit>(lesson.get(), "spec");
  QLabel* error = child<QLabel>(lesson.get(), "specError");
  ASSERT_TRUE(edit && error);
  typeSpec(QStringLiteral("0.5:1,1;garbage"));
  EXPECT_TRUE(error->isVisible());
  EXPECT_FALSE(error->text().isEmpty());
  EXPECT_EQ(lesson->mixtureSpec(), before);
  EXPECT_EQ(edit->text(), QStringLiteral("0.5:1,1;garbage"));  // the user's text is not lost
  EXPECT_FALSE(lesson->jobTracker()->isBusy());
  EXPECT_EQ(lesson->resultGeneration(), generation);

  // A 1-D spec is valid syntax but the wrong dimension for this lesson.
  typeSpec(QStringLiteral("0.5:-2:0.4;0.5:2:0.4"));
  EXPECT_TRUE(error->text().contains(QStringLiteral("2-D")));

  // A good spec (the Apply button) clears the error and re-runs.
  edit->setText(QStringLiteral("0.3:1,1:0.2;0.7:-1,0:0.5"));
  QTest::mouseClick(child<QPushButton>(lesson.get(), "applySpec"), Qt::LeftButton);
  EXPECT_FALSE(error->isVisible());
  settle();
  EXPECT_GT(lesson->resultGeneration(), generation);
  EXPECT_NE(lesson->mixtureSpec(), before);

  // Undo brings the ring back, in the line edit too.
  lesson->document()->undoStack()->undo();
  EXPECT_EQ(lesson->mixtureSpec(), before);
  EXPECT_EQ(edit->text(), before);
}

TEST_F(Lesson2DTest, VectorFieldToggleHidesAndShowsIt) {
  QCheckBox* box = child<QCheckBox>(lesson.get(), "showField");
  ASSERT_NE(box, nullptr);
  ASSERT_TRUE(box->isChecked());
  EXPECT_TRUE(plane->isFieldVisible());
  QTest::mouseClick(box, Qt::LeftButton, {}, QPoint(8, box->height() / 2));
  EXPECT_FALSE(box->isChecked());
  EXPECT_FALSE(plane->isFieldVisible());
  QTest::mouseClick(box, Qt::LeftButton, {}, QPoint(8, box->height() / 2));
  EXPECT_TRUE(plane->isFieldVisible());

  // Score and −ε point the same way (E[ε|x_t] = −√(1−ᾱ) ∇log q), with different magnitudes.
  lesson->setTimestep(300);
  const auto score = plane->field()->vectors();
  child<QComboBox>(lesson.get(), "fieldKind")->setCurrentIndex(1);
  const auto eps = plane->field()->vectors();
  ASSERT_EQ(score.size(), eps.size());
  EXPECT_NE(score, eps);
  for (size_t i = 0; i < score.size(); ++i) EXPECT_GE(score[i] * eps[i], -1e-9);
}

TEST_F(Lesson2DTest, ClickOnThePlaneShowsTheReversePosteriorThere) {
  lesson->setTimestep(400);
  clickPlane(1.5, -0.5);
  EXPECT_NEAR(lesson->document()->xtX(), 1.5, 0.1);
  settle();
  EXPECT_NEAR(post->xtX(), 1.5, 0.1);
  EXPECT_NEAR(post->xtY(), -0.5, 0.1);
  QCPColorMapData* map = post->map()->data();
  ASSERT_GT(map->keySize(), 0);
  const QCPRange keys = map->keyRange();
  clickPlane(-1.5, 1.0);
  settle();
  EXPECT_NEAR(post->xtX(), -1.5, 0.1);
  EXPECT_NE(post->map()->data()->keyRange().center(), keys.center());
  // k = 1: the posterior sits next to x_t.
  child<QSpinBox>(post, "posteriorJump")->setValue(1);
  settle();
  EXPECT_EQ(post->modes(), 1);
  EXPECT_TRUE(post->map()->data()->keyRange().contains(-1.5));
}

TEST_F(Lesson2DTest, BigJumpFromTheCentreIsMultimodal) {
  lesson->setTimestep(500);
  lesson->document()->setPosteriorXt(0.0, 0.0);
  lesson->document()->setJump(1);
  settle();
  EXPECT_EQ(post->modes(), 1);
  auto* jump = child<QSpinBox>(post, "posteriorJump");
  jump->setValue(500);
  settle();
  EXPECT_GE(post->modes(), 4);  // the ring's modes: from the centre, any of them is possible
  EXPECT_TRUE(post->caption().contains(QStringLiteral("modes")));
  // Scrubbing indexes the table: at t = 200 the jump shown is 200, no job runs.
  lesson->setTimestep(200);
  EXPECT_FALSE(lesson->jobTracker()->isBusy());
  EXPECT_EQ(jump->value(), 200);
}

TEST_F(Lesson2DTest, DdimShowsTheNearestRecordedStep) {
  child<QSpinBox>(lesson.get(), "ddimSteps")->setValue(10);
  child<QComboBox>(lesson.get(), "sampler")->setCurrentIndex(1);  // DDIM
  EXPECT_TRUE(lesson->document()->sampler().ddim);
  settle();
  lesson->setDirection(Direction::Reverse);
  lesson->setTimestep(455);
  EXPECT_NE(lesson->shownTimestep(), 455);
  EXPECT_LE(std::abs(lesson->shownTimestep() - 455), 60);
  lesson->setTimestep(0);
  EXPECT_EQ(lesson->shownTimestep(), 0);
  // Samples land on the ring.
  EXPECT_NEAR(meanRadius(scatterPoints()), 2.0, 0.25);
}

TEST_F(Lesson2DTest, ExportsParticlesInCoresPointSetFormat) {
  QTemporaryDir dir;
  const QString path = dir.filePath(QStringLiteral("p.csv"));
  QString error;
  ASSERT_TRUE(lesson->exportParticlesCsv(path, &error)) << error.toStdString();
  QFile file(path);
  ASSERT_TRUE(file.open(QIODevice::ReadOnly | QIODevice::Text));
  const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
  ASSERT_EQ(lines.size(), 1001);
  EXPECT_EQ(lines.front(), QStringLiteral("x,y"));
  EXPECT_EQ(lines.at(1).count(QLatin1Char(',')), 1);
  // The Train lesson and `diffusion-cli train --points` read it back as the same points.
  const ds::PointSet points = ds::readPointsCsv(path.toStdString());
  ASSERT_EQ(points.size(), 1000);
  EXPECT_EQ(points.dim(), 2);
  const auto xy = lesson->particles();
  EXPECT_NEAR(points.points[3][1].item<double>(), xy[7], 1e-6);
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
