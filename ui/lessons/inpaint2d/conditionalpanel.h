#pragma once
// Inpaint 2-D, one method's verdict: the histogram of its samples of the unknown coordinate over
// the exact conditional density q(x₁ | x₂ = c) (a 1-D mixture in closed form), and the KS distance
// printed big with what it means against the 1 % critical value 1.63/√n. The method's name heads
// the KS line (one wrapped label, so a narrow column costs no extra row). Children are named by
// the method key: "ks_replace", "plot_replace", …

#include "core/sampling/inpaint.h"
#include "ui/widgets/plotstyle.h"

#include <QWidget>

class QCustomPlot;
class QCPBars;
class QCPGraph;
class QLabel;

namespace ds {
struct Inpaint2DMethod;
}

namespace ds::ui {

struct Inpaint2DResult;

class ConditionalPanel : public QWidget {
  Q_OBJECT

 public:
  explicit ConditionalPanel(InpaintMethod method, QWidget* parent = nullptr);

  InpaintMethod method() const { return m_method; }
  // Shows `m`, one of result's methods (the panel keeps no pointer into the result).
  void setResult(const Inpaint2DResult& result, const Inpaint2DMethod& m);
  void setStyle(const PlotStyle& style);
  // Panels stack in a scrolling column: below this height a histogram stops being readable.
  int readableHeight() const { return m_style.size(150, 230); }

  QLabel* ksLabel() const { return m_ks; }
  QCustomPlot* plot() const { return m_plot; }

  // "KS 0.32 — far from exact", "KS 0.012 — within sampling error (1 % critical 0.036)" (plain text).
  static QString verdict(double ks, double critical);

 private:
  void showKs();

  InpaintMethod m_method;
  double m_ksValue = -1, m_critical = 0;
  PlotStyle m_style;
  QLabel* m_ks = nullptr;
  QCustomPlot* m_plot = nullptr;
  QCPBars* m_bars = nullptr;
  QCPGraph* m_exact = nullptr;
};

}  // namespace ds::ui
