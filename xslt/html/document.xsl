<?xml version="1.0" encoding="UTF-8"?>
<!--
  html/document.xsl: the document page (unnamed mode, entered at the TEI document node)
  and mode "document" (one <article> per document div).

  Modes fail on unmatched input: a root that is not tei:TEI is reported by name, and only
  document divs (or a body without any) can become an article.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:enc="urn:telegram-tei:xslt"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:mode on-no-match="fail" on-multiple-match="fail"/>
  <xsl:mode name="document" on-no-match="fail" on-multiple-match="fail"/>

  <!-- A TEI file: one page holding its documents. -->
  <xsl:template match="document-node(element(tei:TEI))" as="element(html)">
    <xsl:variable name="tei" as="element(tei:TEI)" select="tei:TEI"/>
    <xsl:variable name="docs" as="element()*" select="enc:documents($tei)"/>
    <xsl:if test="empty($docs)">
      <xsl:sequence select="enc:fail($tei, 'the TEI file has no text/body')"/>
    </xsl:if>
    <xsl:variable name="edition" as="xs:string" select="enc:edition-title($edition-title)"/>
    <xsl:call-template name="enc:html-page">
      <xsl:with-param name="title" select="string-join($docs ! enc:display-title(.), '; ') || ' — ' || $edition"/>
      <xsl:with-param name="lang" select="enc:lang($tei)"/>
      <xsl:with-param name="body-class" select="'page-document'"/>
      <xsl:with-param name="content" as="node()*">
        <xsl:call-template name="enc:page-nav">
          <xsl:with-param name="edition" select="$edition"/>
        </xsl:call-template>
        <main>
          <xsl:apply-templates select="$docs" mode="document"/>
        </main>
        <xsl:call-template name="enc:page-nav">
          <xsl:with-param name="edition" select="$edition"/>
        </xsl:call-template>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- Anything else handed to the document stylesheet is refused by name. -->
  <xsl:template match="document-node()" priority="-1" as="empty-sequence()">
    <xsl:sequence select="enc:fail(., 'not a TEI P5 document: the root element is '
        || (if (*) then 'Q{' || namespace-uri(*[1]) || '}' || local-name(*[1]) else 'missing'))"/>
  </xsl:template>

  <!-- Links to the index and to the neighbouring documents. -->
  <xsl:template name="enc:page-nav" as="element(nav)">
    <xsl:param name="edition" as="xs:string" required="yes"/>
    <nav class="edition-nav" aria-label="Edition">
      <a class="nav-index" href="{(enc:safe-page-href($index-href), 'index.html')[1]}">{$edition}<span class="nav-hint"> · all documents</span></a>
      <span class="nav-steps">
        <xsl:for-each select="enc:safe-page-href($prev-href)">
          <a class="nav-prev" rel="prev" href="{.}">← Previous</a>
        </xsl:for-each>
        <xsl:for-each select="enc:safe-page-href($next-href)">
          <a class="nav-next" rel="next" href="{.}">Next →</a>
        </xsl:for-each>
      </span>
    </nav>
  </xsl:template>

  <!-- One document: its parts in order, then its notes. -->
  <xsl:template match="tei:div | tei:body" mode="document" as="element(article)">
    <article class="document" id="{enc:anchor-id(.)}">
      <xsl:if test="not(tei:head)">
        <xsl:call-template name="enc:missing-head"/>
      </xsl:if>
      <xsl:apply-templates select="node()" mode="text"/>
      <xsl:apply-templates select="." mode="notes"/>
    </article>
  </xsl:template>

  <!-- A document without a head still gets a heading, from its number and the teiHeader. -->
  <xsl:template name="enc:missing-head" as="element()+">
    <h1 class="doc-head">{enc:display-title(.)}</h1>
    <xsl:apply-templates select="." mode="summary"/>
  </xsl:template>

</xsl:stylesheet>
