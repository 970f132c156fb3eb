<?xml version="1.0" encoding="UTF-8"?>
<!--
  html/tei-to-html.xsl: entry point of the HTML reading edition, one page per TEI file.
  It only includes the modules and declares the output; the print edition imports it.

    page.xsl      HTML skeleton, inlined CSS (edition.css)
    document.xsl  entry template, mode "document"
    summary.xsl   mode "summary": From / To / Date / Markings under the heading
    opener.xsl    mode "text": source note, heading, opener, dateline, closer, attachments
    body.xsl      mode "text": paragraphs, lists, quotes, tables, page breaks, fallback
    notes.xsl     footnote markers (mode "text") and the notes section (mode "notes")
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    exclude-result-prefixes="#all">

  <xsl:output method="html" html-version="5" encoding="UTF-8" indent="no"
      include-content-type="no"/>

  <xsl:include href="../common/params.xsl"/>
  <xsl:include href="../common/functions.xsl"/>
  <xsl:include href="page.xsl"/>
  <xsl:include href="document.xsl"/>
  <xsl:include href="summary.xsl"/>
  <xsl:include href="opener.xsl"/>
  <xsl:include href="body.xsl"/>
  <xsl:include href="notes.xsl"/>

</xsl:stylesheet>
