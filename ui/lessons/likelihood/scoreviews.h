#pragma once
// The "Score & Langevin" page's plots. They draw a job's tables (scorejobs.h) and index them by frame,
// nothing else: ScorePlaneView (2-D) shows the particles as dots over the exact density q(x_t) with
// the score as arrows; ScoreCurveView (1-D) shows a histogram of the particles over q(x_t) with the
// score as a curve on the right axis. The field shown is the one whose level is nearest the frame's.

#include "ui/widgets/plotstyle.h"

#include <QWidget>

#include <memory>

class QCustomPlot;
class QCPBars;
class QCPColorMap;
class QCPCurve;
class QCPGraph;
class QCPItemStraightLine;
class QCPTextElement;

namespace ds::ui {

struct LangevinFrames;
struct ScoreFields;
struct ScoreLevelField;
class VectorField;

// What the two views share: the results, the shown frame and the start point.
class ScoreViewBase : public QWidget {
  Q_OBJECT

 public:
  // `dim`: the data dimension this view draws; results of the other dimension are not shown.
  explicit ScoreViewBase(int dim, QWidget* parent = nullptr) : QWidget(parent), m_dim(dim) {}

  void setFields(std::shared_ptr<const ScoreFields> fields);
  void setFrames(std::shared_ptr<const LangevinFrames> frames);  // null: no particles (yet)
  void setFrame(int index);
  void setStart(bool shown, double x, double y);
  void setStyle(const PlotStyle& style);

  QCustomPlot* plot() const { return m_plot; }
  // The t of the field drawn (-1: none) and of the particles drawn (-1: none).
  int shownFieldT() const { return m_fieldT; }
  int shownParticlesT() const { return m_particlesT; }

 Q_SIGNALS:
  void clicked(double x, double y);

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;
  void refresh();
  QString titleText() const;
  // The frame's particles (null without frames) and the field nearest its level (null without fields).
  const std::vector<float>* particles() const;
  const ScoreLevelField* field() const;
  virtual void drawField(const ScoreLevelField* field) = 0;
  virtual void drawParticles(const std::vector<float>* x) = 0;
  virtual void drawStart() = 0;
  virtual void restyle() = 0;

  int m_dim = 2;
  std::shared_ptr<const ScoreFields> m_fields;
  std::shared_ptr<const LangevinFrames> m_frames;
  int m_frame = 0;
  bool m_startShown = false;
  double m_startX = 0, m_startY = 0;
  int m_fieldT = -1, m_particlesT = -1;
  const ScoreLevelField* m_drawnField = nullptr;  // inside m_fields
  bool m_fieldDrawn = false;
  PlotStyle m_style;
  QCustomPlot* m_plot = nullptr;
  QCPTextElement* m_title = nullptr;
};

class ScorePlaneView : public ScoreViewBase {
  Q_OBJECT

 public:
  explicit ScorePlaneView(QWidget* parent = nullptr);

  QCPColorMap* densityMap() const { return m_density; }
  VectorField* field() const { return m_field; }            // the setup's denoiser's score
  VectorField* exactField() const { return m_exactField; }  // the exact score (learned denoiser only)
  QCPCurve* particleDots() const { return m_dots; }

 protected:
  void drawField(const ScoreLevelField* field) override;
  void drawParticles(const std::vector<float>* x) override;
  void drawStart() override;
  void restyle() override;

 private:
  void keepAspect();

  QCPColorMap* m_density = nullptr;
  VectorField* m_field = nullptr;
  VectorField* m_exactField = nullptr;
  QCPCurve* m_dots = nullptr;
  QCPCurve* m_start = nullptr;
};

class ScoreCurveView : public ScoreViewBase {
  Q_OBJECT

 public:
  explicit ScoreCurveView(QWidget* parent = nullptr);

  QCPGraph* densityCurve() const { return m_density; }
  QCPGraph* scoreCurve() const { return m_score; }
  QCPGraph* exactScoreCurve() const { return m_exactScore; }
  QCPBars* histogram() const { return m_bars; }

  static constexpr int kBins = 60;

 protected:
  void drawField(const ScoreLevelField* field) override;
  void drawParticles(const std::vector<float>* x) override;
  void drawStart() override;
  void restyle() override;

 private:
  void updateDensityRange();

  QCPGraph* m_density = nullptr;
  QCPGraph* m_score = nullptr;
  QCPGraph* m_exactScore = nullptr;
  QCPBars* m_bars = nullptr;
  QCPItemStraightLine* m_start = nullptr;
  QCPItemStraightLine* m_zero = nullptr;
  double m_densityTop = 0, m_barsTop = 0;
};

}  // namespace ds::ui
