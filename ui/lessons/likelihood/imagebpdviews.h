#pragma once
// The Image bits/dim page's plots; they only draw an ImageBpdResult (imagebpdjobs.h).
//   BpdStripPlot: every image's bits/dim as a dot, one row per method (VLB above, ODE below, dots
//     spread vertically so equal values stay visible), with the mean ± standard error as a bar.
//   BpdTermsPlot: the VLB's mean split into its terms L_0 (the decoder), Σ_{t≥2} L_{t−1} and L_T
//     as one stacked bar, beside the ODE's mean: where the bits go.

#include "ui/widgets/plotstyle.h"

#include <QWidget>

class QCustomPlot;
class QCPBars;
class QCPErrorBars;
class QCPGraph;
class QCPTextElement;

namespace ds::ui {

struct ImageBpdResult;

class BpdStripPlot : public QWidget {
  Q_OBJECT

 public:
  explicit BpdStripPlot(QWidget* parent = nullptr);
  void setResult(const ImageBpdResult* result);  // null: empty
  void setStyle(const PlotStyle& style);

  QCustomPlot* plot() const { return m_plot; }
  QCPGraph* dots(int method) const { return method == 0 ? m_vlbDots : m_odeDots; }  // 0 = VLB, 1 = ODE

 private:
  QCustomPlot* m_plot;
  QCPTextElement* m_title;
  QCPGraph* m_vlbDots;
  QCPGraph* m_odeDots;
  QCPGraph* m_means;
  QCPErrorBars* m_errors;
  PlotStyle m_style;
};

class BpdTermsPlot : public QWidget {
  Q_OBJECT

 public:
  explicit BpdTermsPlot(QWidget* parent = nullptr);
  void setResult(const ImageBpdResult* result);
  void setStyle(const PlotStyle& style);

  QCustomPlot* plot() const { return m_plot; }
  QCPBars* l0() const { return m_l0; }
  QCPBars* lMid() const { return m_lMid; }
  QCPBars* lT() const { return m_lT; }
  QCPBars* ode() const { return m_ode; }

 private:
  QCustomPlot* m_plot;
  QCPTextElement* m_title;
  QCPBars* m_l0;
  QCPBars* m_lMid;
  QCPBars* m_lT;
  QCPBars* m_ode;
  QCPGraph* m_total;
  QCPErrorBars* m_errors;
  PlotStyle m_style;
};

}  // namespace ds::ui
