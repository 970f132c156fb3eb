<?xml version="1.0" encoding="UTF-8"?>
<!--
  html/index.xsl: the index page of the reading edition. Input is the edition wrapper that
  encoder/render.py builds, already in edition order:

    <enc:edition><enc:document href="d580.html" key="e1"><TEI>…</TEI></enc:document>…</enc:edition>

  Each document div becomes one entry: number, title, sender, recipient, date, type,
  markings and the legacy source line (which tells apart documents with the same heading),
  linked to its page. Mode "index" fails on anything but document divs and bodies.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:enc="urn:telegram-tei:xslt"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:output method="html" html-version="5" encoding="UTF-8" indent="no"
      include-content-type="no"/>

  <xsl:include href="../common/params.xsl"/>
  <xsl:include href="../common/functions.xsl"/>
  <xsl:include href="page.xsl"/>
  <xsl:include href="summary.xsl"/>

  <xsl:mode on-no-match="fail" on-multiple-match="fail"/>
  <xsl:mode name="index" on-no-match="fail" on-multiple-match="fail"/>

  <xsl:template match="document-node(element(enc:edition))" as="element(html)">
    <xsl:variable name="teis" as="element(tei:TEI)*" select="enc:edition/enc:document/tei:TEI"/>
    <xsl:variable name="docs" as="element()*" select="$teis ! enc:documents(.)"/>
    <xsl:variable name="title" as="xs:string" select="enc:edition-title($edition-title)"/>
    <xsl:call-template name="enc:html-page">
      <xsl:with-param name="title" select="$title"/>
      <xsl:with-param name="lang" select="(enc:lang($teis[1]), 'en')[1]"/>
      <xsl:with-param name="body-class" select="'page-index'"/>
      <xsl:with-param name="content" as="node()*">
        <header class="edition-header">
          <h1>{$title}</h1>
          <p class="count">{count($docs)} {if (count($docs) eq 1) then 'document' else 'documents'}</p>
        </header>
        <main>
          <xsl:choose>
            <xsl:when test="exists($docs)">
              <ol class="index">
                <xsl:apply-templates select="$docs" mode="index"/>
              </ol>
            </xsl:when>
            <xsl:otherwise>
              <p class="empty">No documents.</p>
            </xsl:otherwise>
          </xsl:choose>
        </main>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- Anything but the edition wrapper is refused by name. -->
  <xsl:template match="document-node()" priority="-1" as="empty-sequence()">
    <xsl:sequence select="enc:fail(., 'the index expects the enc:edition wrapper, not '
        || (if (*) then 'Q{' || namespace-uri(*[1]) || '}' || local-name(*[1]) else 'an empty document'))"/>
  </xsl:template>

  <!-- One entry of the index. -->
  <xsl:template match="tei:div | tei:body" mode="index" as="element(li)">
    <xsl:variable name="page" as="xs:string"
        select="(enc:safe-page-href(ancestor::enc:document[1]/@href), 'index.html')[1]"/>
    <xsl:variable name="several" as="xs:boolean" select="not(enc:is-sole-document(.))"/>
    <xsl:variable name="n" as="xs:string" select="enc:doc-number(.)"/>
    <li class="entry">
      <a class="entry-title" href="{$page}{if ($several) then '#' || enc:anchor-id(.) else ''}">
        <xsl:if test="$n">
          <span class="doc-number">No. {$n}.</span>
          <xsl:text> </xsl:text>
        </xsl:if>
        <span class="title">{enc:doc-title(.)}</span>
      </a>
      <xsl:variable name="summary" as="element(dl)?">
        <xsl:apply-templates select="." mode="summary"/>
      </xsl:variable>
      <xsl:variable name="source" as="element(div)?">
        <xsl:call-template name="enc:summary-item">
          <xsl:with-param name="label" select="'Source'"/>
          <xsl:with-param name="values" select="enc:source-line(.)[.]"/>
        </xsl:call-template>
      </xsl:variable>
      <xsl:if test="exists(($summary, $source))">
        <dl class="entry-meta">
          <xsl:sequence select="$summary/*, $source"/>
        </dl>
      </xsl:if>
    </li>
  </xsl:template>

</xsl:stylesheet>
