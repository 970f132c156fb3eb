<?xml version="1.0" encoding="UTF-8"?>
<!--
  html/site.xsl: the list pages of the reading edition, from the small metadata XML that
  encoder/outputs/html.py builds from each document's DocMeta (never from the documents):

    <site title= subtitle= publisher= place= date= base= lang=>
      <editor/>* <export href=>label</export>*
      <chapter id= title=> <doc key= page= n= title= type= sort= when= place= pos= source-line=>
          <tei:date when=>as printed</tei:date>? <sender/>* <recipient/>* <marking kind=/>* </doc>* <chapter/>* </chapter>*
      <person id= name= listed=>description<in doc= roles=/>*</person>*
      <place id= name=><in doc=/>*</place>*  <term id= name=>definition</term>*
    </site>

  $page chooses the page: index (home and contents), chronology, persons, places, terms,
  search. Lists carry data-* attributes that site.js filters (the facets); without
  JavaScript the facet form stays hidden and the full list shows.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:enc="urn:telegram-tei:xslt"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:output method="html" html-version="5" encoding="UTF-8" indent="no"
      include-content-type="no"/>

  <xsl:include href="../common/params.xsl"/>
  <xsl:include href="../common/functions.xsl"/>
  <xsl:include href="page.xsl"/>
  <xsl:include href="summary.xsl"/>

  <xsl:param name="page" as="xs:string" select="'index'"/>

  <xsl:mode on-no-match="fail" on-multiple-match="fail"/>
  <xsl:mode name="entry" on-no-match="fail"/>

  <xsl:key name="doc" match="doc" use="@key"/>

  <xsl:variable name="site" as="element(site)" select="/site"/>
  <xsl:variable name="title" as="xs:string" select="enc:edition-title($site/@title)"/>
  <xsl:variable name="docs" as="element(doc)*" select="$site//doc"/>

  <xsl:variable name="labels" as="map(xs:string, xs:string)" select="map {
      'index': 'Contents', 'chronology': 'Chronology', 'persons': 'Persons',
      'places': 'Places', 'terms': 'Terms', 'search': 'Search'}"/>

  <xsl:template match="document-node(element(site))" as="element(html)">
    <xsl:variable name="heading" as="xs:string"
        select="if ($page eq 'index') then $title else $labels($page)"/>
    <xsl:call-template name="enc:html-page">
      <xsl:with-param name="title" select="if ($page eq 'index') then $title else $heading || ' — ' || $title"/>
      <xsl:with-param name="lang" select="if (matches(string($site/@lang), '^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$', ';j')) then string($site/@lang) else 'en'"/>
      <xsl:with-param name="body-class" select="'page-' || $page"/>
      <xsl:with-param name="description" select="enc:description($page)"/>
      <xsl:with-param name="canonical" select="if (string($site/@base)) then replace($site/@base, '([^/])$', '$1/') || 'html/' || $page || '.html' else ''"/>
      <xsl:with-param name="content" as="node()*">
        <a class="skip-link" href="#main">Skip to content</a>
        <header class="edition-header">
          <xsl:call-template name="site-nav"/>
          <xsl:choose>
            <xsl:when test="$page eq 'index'">
              <h1>{$title}</h1>
              <xsl:if test="string($site/@subtitle)"><p class="subtitle">{$site/@subtitle}</p></xsl:if>
            </xsl:when>
            <xsl:otherwise>
              <p class="edition-name"><a href="index.html">{$title}</a></p>
              <h1>{$heading}</h1>
            </xsl:otherwise>
          </xsl:choose>
        </header>
        <main id="main" tabindex="-1">
          <xsl:choose>
            <xsl:when test="$page eq 'index'"><xsl:call-template name="home"/></xsl:when>
            <xsl:when test="$page eq 'chronology'"><xsl:call-template name="chronology"/></xsl:when>
            <xsl:when test="$page eq 'persons'"><xsl:call-template name="persons"/></xsl:when>
            <xsl:when test="$page eq 'places'"><xsl:call-template name="places"/></xsl:when>
            <xsl:when test="$page eq 'terms'"><xsl:call-template name="terms"/></xsl:when>
            <xsl:when test="$page eq 'search'"><xsl:call-template name="search"/></xsl:when>
            <xsl:otherwise>
              <xsl:sequence select="error(xs:QName('enc:page'), 'unknown site page: ' || $page)"/>
            </xsl:otherwise>
          </xsl:choose>
        </main>
        <script src="site.js"></script>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:function name="enc:description" as="xs:string">
    <xsl:param name="page" as="xs:string"/>
    <xsl:variable name="n" as="xs:string" select="count($docs) || (if (count($docs) eq 1) then ' document' else ' documents')"/>
    <xsl:sequence select="map {
        'index': $title || ': contents of the edition, ' || $n || ' by chapter.',
        'chronology': $title || ': ' || $n || ' in order of date.',
        'persons': $title || ': index of persons and the documents they sent, received, signed or are named in.',
        'places': $title || ': index of the places the documents were written at.',
        'terms': $title || ': abbreviations and terms.',
        'search': $title || ': full-text search.'}($page)"/>
  </xsl:function>

  <!-- The site's navigation, on every list page and every document page. -->
  <xsl:template name="site-nav" as="element(nav)">
    <nav class="site-nav" aria-label="Edition">
      <ul>
        <xsl:for-each select="('index', 'chronology', 'persons', 'places', 'terms'[$site/term], 'search')">
          <li>
            <a href="{.}.html">
              <xsl:if test=". eq $page"><xsl:attribute name="aria-current" select="'page'"/></xsl:if>
              {$labels(.)}
            </a>
          </li>
        </xsl:for-each>
      </ul>
    </nav>
  </xsl:template>

  <!-- ============================================================ home -->
  <xsl:template name="home" as="node()*">
    <section class="front" aria-labelledby="about-head">
      <h2 id="about-head" class="visually-hidden">About this edition</h2>
      <xsl:if test="$site/editor">
        <p class="editors">Edited by {enc:and($site/editor ! string(.))}</p>
      </xsl:if>
      <xsl:variable name="imprint" as="xs:string*" select="($site/@place, $site/@publisher, $site/@date)[string(.)] ! string(.)"/>
      <xsl:if test="exists($imprint)">
        <p class="imprint">{string-join($imprint, ', ')}</p>
      </xsl:if>
      <p class="counts">
        <xsl:variable name="top" as="element(chapter)*" select="$site/chapter[string(@title)]"/>
        <xsl:variable name="dated" as="xs:string*" select="sort($docs/@sort[string(.)] ! string(.))"/>
        {count($docs)} {if (count($docs) eq 1) then 'document' else 'documents'}<!--
        -->{if (count($top) gt 1) then ' in ' || count($top) || ' chapters' else ''}<!--
        -->{if (exists($dated)) then ', ' || enc:format-iso($dated[1]) || (if ($dated[last()] ne $dated[1]) then ' – ' || enc:format-iso($dated[last()]) else '') else ''};
        <a href="persons.html">{count($site/person)} {if (count($site/person) eq 1) then 'person' else 'persons'}</a>,
        <a href="places.html">{count($site/place)} {if (count($site/place) eq 1) then 'place' else 'places'}</a>.
      </p>
      <xsl:if test="$site/export">
        <ul class="exports" aria-label="Downloads">
          <xsl:for-each select="$site/export">
            <li><a href="{@href}">{.}</a></li>
          </xsl:for-each>
        </ul>
      </xsl:if>
      <form class="quick-search" action="search.html" method="get" role="search" aria-label="Search the edition">
        <label for="quick-q">Search the documents</label>
        <input type="search" id="quick-q" name="q"/>
        <button type="submit">Search</button>
      </form>
    </section>
    <section class="contents" aria-labelledby="contents-head">
      <h2 id="contents-head">Contents</h2>
      <xsl:call-template name="facets"/>
      <xsl:apply-templates select="$site/chapter" mode="contents">
        <xsl:with-param name="level" select="3"/>
      </xsl:apply-templates>
    </section>
  </xsl:template>

  <xsl:mode name="contents" on-no-match="fail"/>
  <xsl:template match="chapter" mode="contents" as="element()*">
    <xsl:param name="level" as="xs:integer"/>
    <xsl:choose>
      <xsl:when test="string(@title)">
        <section class="chapter" id="{@id}" aria-labelledby="{@id}-head" data-facet-group="">
          <xsl:element name="h{min(($level, 6))}">
            <xsl:attribute name="id" select="@id || '-head'"/>
            <xsl:value-of select="@title"/>
          </xsl:element>
          <xsl:call-template name="doc-list"><xsl:with-param name="docs" select="doc"/></xsl:call-template>
          <xsl:apply-templates select="chapter" mode="contents">
            <xsl:with-param name="level" select="$level + 1"/>
          </xsl:apply-templates>
        </section>
      </xsl:when>
      <xsl:otherwise>
        <div class="chapter" data-facet-group="">
          <xsl:call-template name="doc-list"><xsl:with-param name="docs" select="doc"/></xsl:call-template>
          <xsl:apply-templates select="chapter" mode="contents">
            <xsl:with-param name="level" select="$level"/>
          </xsl:apply-templates>
        </div>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="doc-list" as="element(ol)?">
    <xsl:param name="docs" as="element(doc)*"/>
    <xsl:if test="exists($docs)">
      <ol class="index">
        <xsl:apply-templates select="$docs" mode="entry"/>
      </ol>
    </xsl:if>
  </xsl:template>

  <!-- One document in a list: number, title, date, sender → recipient; data-* for facets. -->
  <xsl:template match="doc" mode="entry" as="element(li)">
    <li class="entry" data-date="{@sort}" data-type="{@type}"
        data-sender="{string-join(sender, '|')}" data-recipient="{string-join(recipient, '|')}"
        data-marking="{string-join(marking, '|')}">
      <a class="entry-title" href="{@page}">
        <xsl:if test="string(@n)"><span class="doc-number">No. {@n}.</span><xsl:text> </xsl:text></xsl:if>
        <span class="title">{@title}</span>
      </a>
      <xsl:variable name="items" as="element(div)*">
        <xsl:call-template name="enc:summary-item">
          <xsl:with-param name="label" select="'From'"/>
          <xsl:with-param name="values" select="sender ! string(.)"/>
        </xsl:call-template>
        <xsl:call-template name="enc:summary-item">
          <xsl:with-param name="label" select="'To'"/>
          <xsl:with-param name="values" select="recipient ! string(.)"/>
        </xsl:call-template>
        <xsl:for-each select="tei:date">
          <div>
            <dt>Date</dt>
            <dd><xsl:call-template name="enc:date-summary"><xsl:with-param name="date" select="."/></xsl:call-template></dd>
          </div>
        </xsl:for-each>
        <xsl:call-template name="enc:summary-item">
          <xsl:with-param name="label" select="'Type'"/>
          <xsl:with-param name="values" select="@type[string(.)] ! string(.)"/>
        </xsl:call-template>
        <xsl:call-template name="enc:summary-item">
          <xsl:with-param name="label" select="'Markings'"/>
          <xsl:with-param name="values" select="marking ! string(.)"/>
        </xsl:call-template>
        <xsl:call-template name="enc:summary-item">
          <xsl:with-param name="label" select="'Source'"/>
          <xsl:with-param name="values" select="@source-line[string(.)] ! string(.)"/>
        </xsl:call-template>
      </xsl:variable>
      <xsl:if test="exists($items)">
        <dl class="entry-meta"><xsl:sequence select="$items"/></dl>
      </xsl:if>
    </li>
  </xsl:template>

  <!-- ============================================================ facets -->
  <xsl:template name="facets" as="element()*">
    <form class="facets" hidden="" aria-label="Filter the documents">
      <fieldset>
        <legend>Filter the documents</legend>
        <div class="facet-row">
          <label for="f-from">From date</label>
          <input type="date" id="f-from" name="from" data-facet="from"/>
          <label for="f-to">To date</label>
          <input type="date" id="f-to" name="to" data-facet="to"/>
        </div>
        <xsl:for-each select="(['sender', 'Sender', $docs/sender], ['recipient', 'Recipient', $docs/recipient],
            ['type', 'Type', $docs/@type[string(.)]], ['marking', 'Marking', $docs/marking])">
          <xsl:variable name="values" as="xs:string*" select="sort(distinct-values(?3 ! normalize-space(.)))"/>
          <xsl:if test="exists($values)">
            <div class="facet-row">
              <label for="f-{?1}">{?2}</label>
              <select id="f-{?1}" name="{?1}" data-facet="{?1}">
                <option value="">All</option>
                <xsl:for-each select="$values"><option value="{.}">{.}</option></xsl:for-each>
              </select>
            </div>
          </xsl:if>
        </xsl:for-each>
        <button type="reset">Show all</button>
      </fieldset>
      <p class="facet-count" role="status" aria-live="polite"></p>
    </form>
  </xsl:template>

  <!-- ============================================================ chronology -->
  <xsl:template name="chronology" as="node()*">
    <xsl:call-template name="facets"/>
    <xsl:for-each-group select="sort($docs[string(@sort)], (), function ($d) { string($d/@when) || ' ' || format-number(xs:integer($d/@pos), '000000000') })"
        group-by="substring(@sort, 1, 4)">
      <section class="year" aria-labelledby="y{current-grouping-key()}" data-facet-group="">
        <h2 id="y{current-grouping-key()}">{current-grouping-key()}</h2>
        <xsl:for-each-group select="current-group()" group-by="substring(@sort, 1, 7)">
          <section class="month" aria-labelledby="m{current-grouping-key()}" data-facet-group="">
            <h3 id="m{current-grouping-key()}">{enc:format-iso(current-grouping-key())}</h3>
            <xsl:call-template name="doc-list"><xsl:with-param name="docs" select="current-group()"/></xsl:call-template>
          </section>
        </xsl:for-each-group>
      </section>
    </xsl:for-each-group>
    <xsl:if test="$docs[not(string(@sort))]">
      <section class="year" aria-labelledby="undated" data-facet-group="">
        <h2 id="undated">Undated</h2>
        <xsl:call-template name="doc-list"><xsl:with-param name="docs" select="$docs[not(string(@sort))]"/></xsl:call-template>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- ============================================================ persons, places, terms -->
  <xsl:template name="persons" as="node()*">
    <xsl:choose>
      <xsl:when test="$site/person[@listed]">
        <p>The persons list of the edition, with every document each person sent, received, signed or is named in.</p>
      </xsl:when>
      <xsl:otherwise>
        <p>The edition has no persons list: these are the names the documents carry, with the documents each sent, received, signed or is named in.</p>
      </xsl:otherwise>
    </xsl:choose>
    <dl class="register">
      <xsl:for-each select="$site/person">
        <div class="register-entry" id="{@id}">
          <dt><span class="name">{@name}</span><xsl:if test="normalize-space(text()[1])">, <span class="desc">{normalize-space(string-join(text(), ''))}</span></xsl:if></dt>
          <dd>
            <xsl:call-template name="refs"><xsl:with-param name="in" select="in"/></xsl:call-template>
          </dd>
        </div>
      </xsl:for-each>
    </dl>
  </xsl:template>

  <xsl:template name="places" as="node()*">
    <p>Every place a document's dateline names, with the documents written there.</p>
    <dl class="register">
      <xsl:for-each select="$site/place">
        <div class="register-entry" id="{@id}">
          <dt>{@name}</dt>
          <dd><xsl:call-template name="refs"><xsl:with-param name="in" select="in"/></xsl:call-template></dd>
        </div>
      </xsl:for-each>
    </dl>
  </xsl:template>

  <xsl:template name="terms" as="node()*">
    <dl class="register">
      <xsl:for-each select="$site/term">
        <div class="register-entry" id="{@id}">
          <dt>{@name}</dt>
          <dd>{.}</dd>
        </div>
      </xsl:for-each>
    </dl>
  </xsl:template>

  <!-- The documents of a register entry, in edition order, with the person's role. -->
  <xsl:template name="refs" as="node()*">
    <xsl:param name="in" as="element(in)*"/>
    <xsl:choose>
      <xsl:when test="empty($in)"><span class="none">No document of the edition.</span></xsl:when>
      <xsl:otherwise>
        <ul class="refs">
          <xsl:for-each select="$in">
            <xsl:sort select="xs:integer(key('doc', @doc, $site)/@pos)"/>
            <xsl:variable name="doc" as="element(doc)" select="key('doc', @doc, $site)"/>
            <li>
              <a href="{$doc/@page}">{if (string($doc/@n)) then 'No. ' || $doc/@n || '. ' else ''}{$doc/@title}</a>
              <xsl:variable name="roles" as="xs:string*" select="tokenize(@roles)[. ne 'named']"/>
              <xsl:if test="exists($roles)"><span class="roles"> ({string-join($roles, ', ')})</span></xsl:if>
            </li>
          </xsl:for-each>
        </ul>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ============================================================ search -->
  <xsl:template name="search" as="node()*">
    <form class="search-form" action="search.html" method="get" role="search" aria-label="Search the edition">
      <label for="search-q">Words to find</label>
      <input type="search" id="search-q" name="q"/>
      <button type="submit">Search</button>
    </form>
    <p class="search-status" id="search-status" role="status" aria-live="polite">
      Search runs in your browser with JavaScript, from an index built with the edition.
      It needs the edition served over HTTP (for example <code>python -m http.server</code> in
      the output folder); opened from a file (file://) only reading and the lists work.
    </p>
    <ol class="search-results" id="search-results"></ol>
  </xsl:template>

  <!-- "A, B and C". -->
  <xsl:function name="enc:and" as="xs:string">
    <xsl:param name="names" as="xs:string*"/>
    <xsl:sequence select="if (count($names) le 1) then string($names[1])
        else string-join($names[position() lt last()], ', ') || ' and ' || $names[last()]"/>
  </xsl:function>

</xsl:stylesheet>
