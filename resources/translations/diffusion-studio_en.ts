<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>QObject</name>
    <message numerus="yes">
        <location filename="../../ui/lessons/train/traindrawing.cpp" line="+14"/>
        <location line="+10"/>
        <source>Spray %n point(s)</source>
        <translation>
            <numerusform>Spray %n point</numerusform>
            <numerusform>Spray %n points</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ds::ui::BpdStripPlot</name>
    <message numerus="yes">
        <location filename="../../ui/lessons/likelihood/imagebpdviews.cpp" line="+133"/>
        <source>Bits/dim of each test image (%n image(s))</source>
        <translation>
            <numerusform>Bits/dim of each test image (%n image)</numerusform>
            <numerusform>Bits/dim of each test image (%n images)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ds::ui::CoreMessages</name>
    <message numerus="yes">
        <location filename="../../ui/coremessages.cpp" line="+66"/>
        <source>CPU (%n thread(s))</source>
        <translation>
            <numerusform>CPU (%n thread)</numerusform>
            <numerusform>CPU (%n threads)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ds::ui::ImageBpdPage</name>
    <message numerus="yes">
        <location filename="../../ui/lessons/likelihood/imagebpdpage.cpp" line="+68"/>
        <source>Cancelled: the %n finished image(s) are shown.</source>
        <translation>
            <numerusform>Cancelled: the %n finished image is shown.</numerusform>
            <numerusform>Cancelled: the %n finished images are shown.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+240"/>
        <source>Done: %n image(s) on %1.</source>
        <translation>
            <numerusform>Done: %n image on %1.</numerusform>
            <numerusform>Done: %n images on %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+57"/>
        <source>Model %1, %n test image(s) (%2), unconditional.</source>
        <translation>
            <numerusform>Model %1, %n test image (%2), unconditional.</numerusform>
            <numerusform>Model %1, %n test images (%2), unconditional.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ds::ui::LessonTrain</name>
    <message numerus="yes">
        <location filename="../../ui/lessons/train/lessontrain.cpp" line="+208"/>
        <source>%n point(s), %1-D</source>
        <translation>
            <numerusform>%n point, %1-D</numerusform>
            <numerusform>%n points, %1-D</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/lessons/train/trainautosave.cpp" line="+61"/>
        <source>%n drawn points</source>
        <translation>
            <numerusform>%n drawn point</numerusform>
            <numerusform>%n drawn points</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ds::ui::LikelihoodControls</name>
    <message numerus="yes">
        <location filename="../../ui/lessons/likelihood/likelihoodcontrols.cpp" line="+174"/>
        <source>%1-D, %n component(s)</source>
        <translation>
            <numerusform>%1-D, %n component</numerusform>
            <numerusform>%1-D, %n components</numerusform>
        </translation>
    </message>
</context>
</TS>
